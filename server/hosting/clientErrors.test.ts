// Unit: the flood bucket and the bounded kick log.

import { afterEach, describe, expect, it } from "vitest";
import { configureLog } from "./log.js";
import { FloodBucket, KICK_LOG_LINES_PER_SECOND, KickLog } from "./clientErrors.js";

describe("FloodBucket", () => {
  const policy = { messagesPerSecond: 120, burstMessages: 600 };

  it("lets a burst of held frames through after a stall, and refuses a flood past the burst", () => {
    const bucket = new FloodBucket(policy, 0);
    // An honest client at 32 frames/s, then its 4 s of frames held by a server stall, at once.
    let now = 0;
    for (let i = 0; i < 320; i++) expect(bucket.take((now += 1000 / 32))).toBe(true);
    now += 4000;
    for (let i = 0; i < 4 * 32; i++) expect(bucket.take(now)).toBe(true);
    // A flood at one instant runs out after the burst.
    const flood = new FloodBucket(policy, 0);
    let allowed = 0;
    while (flood.take(0)) allowed++;
    expect(allowed).toBe(600);
    // And refills at the sustained rate only.
    expect(flood.take(1000 / 120 - 1)).toBe(false);
    expect(flood.take(1000 / 120 + 1)).toBe(true);
  });
});

describe("KickLog", () => {
  const lines: Array<{ msg: string; count?: number }> = [];
  afterEach(() => {
    lines.length = 0;
    configureLog({ sink: null, level: "warn", format: "text" });
  });

  it("writes one line per kick up to its rate, then counts them into one summary", () => {
    configureLog({ level: "debug", format: "json", sink: (_level, line) => lines.push(JSON.parse(line) as { msg: string }) });
    const kicks = new KickLog(() => 5_000);
    for (let i = 0; i < 1000; i++) kicks.report({ reason: "protocol_violation", client: `c${i}` });
    expect(lines).toHaveLength(KICK_LOG_LINES_PER_SECOND);
    kicks.summarize();
    expect(lines).toHaveLength(KICK_LOG_LINES_PER_SECOND + 1);
    expect(lines.at(-1)).toMatchObject({ msg: "kicks not logged one by one", count: 1000 - KICK_LOG_LINES_PER_SECOND });
  });
});
