// The room's position history against Colyseus' own Rewind, fed the same patches: every read
// (inside the history, before it, after it, unstamped, clamped) must give the same number.

import { Rewind } from "@colyseus/core";
import { MapSchema } from "@colyseus/schema";
import { describe, expect, it } from "vitest";
import { Player } from "../../shared/schema.js";
import { PositionHistory } from "./positionHistory.js";

const PATCH_MS = 1000 / 30;
const HISTORY_MS = 1000;
const FIELDS = ["x", "y", "vx", "vy"] as const;

function random(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** Players that run, stand still for a while, teleport (respawn), join late; a patch now and then
 *  skipped (a tick that sent nothing). */
function play(seed: number, patches: number) {
  const r = random(seed);
  const players = new MapSchema<Player>();
  const rewind = Rewind.get({}, { maxRewindMs: HISTORY_MS });
  rewind.attachAll(players, { fields: [...FIELDS], mode: "snapshot" });
  const history = new PositionHistory(HISTORY_MS, PATCH_MS);
  const moving = new Map<string, number>();
  const times: number[] = [];
  let t = 1000;
  for (let i = 0; i < patches; i++) {
    if (i % 40 === 0 && players.size < 6) {
      const p = new Player();
      p.x = r() * 1000; p.y = r() * 800;
      players.set(`p${i}`, p);
    }
    players.forEach((p, id) => {
      const left = moving.get(id) ?? 0;
      if (left > 0) {
        p.vx = (r() - 0.5) * 600; p.vy = (r() - 0.5) * 600;
        p.x += p.vx * PATCH_MS / 1000; p.y += p.vy * PATCH_MS / 1000;
        moving.set(id, left - 1);
      } else if (r() < 0.1) {
        moving.set(id, Math.floor(r() * 20));
      } else if (r() < 0.05) {
        p.x = r() * 1000; p.y = r() * 800; p.vx = 0; p.vy = 0; // respawned elsewhere
      } else {
        p.vx = 0; p.vy = 0;
      }
    });
    t += PATCH_MS * (r() < 0.1 ? 2 : 1);
    rewind.record(t, PATCH_MS);
    history.record(t, players);
    times.push(t);
  }
  return { players, rewind, history, times, r };
}

describe("PositionHistory", () => {
  it("reads what Colyseus' Rewind reads, bit for bit, at any time", () => {
    for (const seed of [1, 2, 3]) {
      const { players, rewind, history, times, r } = play(seed, 400);
      expect(history.lastRecordedAt).toBe(rewind.lastRecordedAt);
      const queries = [0, -5, 1, times[0] - 50, times[0], ...times.slice(-60), times.at(-1)! + 40];
      for (let k = 0; k < 400; k++) queries.push(times.at(-1)! - r() * (HISTORY_MS + 300));
      for (const time of queries) {
        const ours = history.at(time);
        const theirs = rewind.at(time);
        players.forEach((p, id) => {
          for (const field of FIELDS) expect(ours.value(p, field), `${id}.${field} at ${time}`).toBe(theirs.value(p, field));
        });
      }
    }
  });

  it("stores nothing for a player standing still, and at most one sample per patch for one moving", () => {
    const players = new MapSchema<Player>();
    const still = new Player();
    const runner = new Player();
    players.set("still", still);
    players.set("runner", runner);
    const history = new PositionHistory(HISTORY_MS, PATCH_MS);
    for (let i = 1; i <= 200; i++) {
      runner.x = i;
      history.record(i * PATCH_MS, players);
    }
    expect(history.samplesOf(still)).toBe(1);
    // The ring stops growing at the history's length (Colyseus' size for the same settings).
    expect(history.samplesOf(runner)).toBe(Math.ceil(HISTORY_MS / PATCH_MS) + 4);
    // Nothing older than the history is read: the oldest instant kept answers instead.
    expect(history.at(1).value(runner, "x")).toBe(history.at(200 * PATCH_MS - HISTORY_MS).value(runner, "x"));
  });

  it("reads a player with no sample yet live, and ignores a second record at the same time", () => {
    const players = new MapSchema<Player>();
    const p = new Player();
    p.x = 5;
    const history = new PositionHistory(HISTORY_MS, PATCH_MS);
    expect(history.at(100).value(p, "x")).toBe(5);
    players.set("p", p);
    history.record(100, players);
    p.x = 9;
    history.record(100, players);
    expect(history.at(100).value(p, "x")).toBe(5);
    expect(history.samplesOf(p)).toBe(1);
  });
});
