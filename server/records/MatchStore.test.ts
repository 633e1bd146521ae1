import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type OpenedDatabase } from "./database.js";
import type { FinishedMatch, PlayerResult } from "./MatchRecorder.js";
import { MatchStore } from "./MatchStore.js";

const DAY = 24 * 3600_000;
const NOW = Date.UTC(2026, 10, 30, 12);
const dir = mkdtempSync(join(tmpdir(), "skirmish-store-"));
let opened: OpenedDatabase;
let store: MatchStore;

function player(slot: number, key: string, name: string, frags: number, deaths: number): PlayerResult {
  return { slot, key, name, frags, deaths, shots: frags * 3, hits: frags * 2, bot: false };
}

function match(endedAt: number, players: PlayerResult[], winner: number | null): FinishedMatch {
  return {
    room: "ABCDE", startedAt: endedAt - 60_000, endedAt, endReason: "time",
    rules: { matchSeconds: 60, fragLimit: 20, tickRate: 30, damage: true },
    players, winner, replayBody: new Uint8Array([1, 2, 3]), ticks: 1800,
  };
}

beforeAll(async () => {
  opened = await openDatabase({ dataDir: dir, databaseUrl: undefined });
  store = new MatchStore(opened.db, () => NOW);
  // Ten days ago: Ann (then called "Annie") wins. Yesterday: Bob wins; a keyless client plays.
  await store.save(match(NOW - 10 * DAY, [player(0, "key-ann", "Annie", 5, 1), player(1, "key-bob", "Bob", 1, 5)], 0), new Uint8Array([9]));
  await store.save(match(NOW - DAY, [player(0, "key-ann", "Ann", 2, 4), player(1, "key-bob", "Bob", 4, 2), player(2, "", "anon", 9, 0)], 1), new Uint8Array([8]));
});

afterAll(async () => {
  await opened.db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe("match store (SQLite)", () => {
  it("lists newest first and pages with before", async () => {
    const [newest, older] = await store.list(10);
    expect(newest.winner).toBe("Bob");
    expect(older.winner).toBe("Annie");
    expect(newest.players.map((p) => p.name)).toEqual(["anon", "Bob", "Ann"]); // by frags
    expect(await store.list(10, newest.id)).toEqual([older]);
  });

  it("ranks keyed players by wins then frags, under their latest name, per period", async () => {
    expect(await store.leaderboard("all")).toEqual([
      { name: "Ann", wins: 1, frags: 7, deaths: 5, kd: 1.4, matches: 2 },
      { name: "Bob", wins: 1, frags: 5, deaths: 7, kd: 0.71, matches: 2 },
    ]);
    expect(await store.leaderboard("7d")).toEqual([
      { name: "Bob", wins: 1, frags: 4, deaths: 2, kd: 2, matches: 1 },
      { name: "Ann", wins: 0, frags: 2, deaths: 4, kd: 0.5, matches: 1 },
    ]);
  });

  it("deletes replays past the retention and keeps the results", async () => {
    const [newest, older] = await store.list(10);
    expect(await store.pruneReplays(7)).toBe(1);
    expect(await store.replay(older.id)).toBeUndefined();
    expect(await store.replay(newest.id)).toEqual(new Uint8Array([8]));
    expect((await store.get(older.id))?.hasReplay).toBe(false);
    expect((await store.get(older.id))?.players).toHaveLength(2);
  });
});
