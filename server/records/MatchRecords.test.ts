import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { encodeReplayBody, type Replay } from "../../shared/replay/format.js";
import { packReplay, packReplayOffThread, unpackReplay } from "./MatchRecords.js";

describe("replay packing", () => {
  it("packs off the event loop into the same file as packReplay", async () => {
    const replay: Replay = {
      header: { room: "r1", startedAt: 1, tickRate: 30, matchSeconds: 60, fragLimit: 20, damage: true, spawnTurn: 0, players: [] },
      events: [{ kind: "tick", digest: 7 }, { kind: "tick", digest: 9 }],
    };
    const body = encodeReplayBody(replay);
    const file = await packReplayOffThread(body);
    expect(Buffer.from(file).equals(Buffer.from(packReplay(body)))).toBe(true);
    expect(unpackReplay(file).events.filter((e) => e.kind === "tick")).toHaveLength(2);
  });

  it("lets the event loop turn while a large body compresses", async () => {
    // 4 MB that does not compress: tens of milliseconds of DEFLATE at level 9.
    const body = randomBytes(4 * 1024 * 1024);
    let turns = 0;
    let spinning = true;
    const spin = () => {
      turns++;
      if (spinning) setImmediate(spin);
    };
    setImmediate(spin);
    await packReplayOffThread(body);
    spinning = false;
    expect(turns).toBeGreaterThan(1);
  });
});
