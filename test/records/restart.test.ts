// Match records on the default SQLite store: a real server process plays short matches with
// bots, drains on SIGTERM (the match in progress is recorded as interrupted), restarts on the same
// DATA_DIR, and everything is still there (through kill -9 too); `npm run replay -- verify` passes on the stored match
// and names the tick and player of an altered input; the API refuses bad parameters.

import Database from "better-sqlite3";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { API_REQUESTS_PER_MINUTE } from "../../server/records/api.js";
import { waitFor } from "../helpers/waitFor.js";
import type { Bot } from "../hosting/helpers/bots.js";
import { spawnServer, startServer, type ServerProcess } from "../hosting/helpers/processes.js";
import { alterOneInput, botsInRoom, getJson, runReplayCli, type MatchJson } from "./helpers.js";

const dataDir = mkdtempSync(join(tmpdir(), "skirmish-records-"));
const env = { DATA_DIR: dataDir, DRAIN_TIMEOUT_SECONDS: "4" };
const servers: ServerProcess[] = [];
let bots: Bot[] = [];

afterAll(async () => {
  await Promise.all(bots.map((b) => b.stop()));
  for (const s of servers) s.kill();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("match records survive a restart (SQLite)", () => {
  let finished: MatchJson;
  let history: MatchJson[] = [];

  it("records a match played by bots, and the match in progress at SIGTERM as interrupted", async () => {
    const first = await startServer(env);
    servers.push(first);
    bots = await botsInRoom(first.url, 3);
    const list = await waitFor("the first match to be recorded", async () => {
      const { body } = await getJson<{ matches: MatchJson[] }>(`${first.url}/api/matches`);
      return body.matches.length > 0 && body.matches;
    }, { timeoutMs: 40_000, intervalMs: 250 });
    finished = list[0];
    expect(finished.endReason).toMatch(/^(time|frags)$/);
    // The bot's copy of the state may lag the server's: wait for the second match by its number.
    await waitFor("the next match to be playing", () => {
      const state = bots[0].session.room.state;
      return state.match >= 2 && state.phase === "playing";
    }, { timeoutMs: 30_000, intervalMs: 50 });
    first.kill("SIGTERM");
    expect((await first.exited).code).toBe(0);
  }, 90_000);

  it("has the history, scoreboard and replays after a restart", async () => {
    const second = await startServer(env);
    servers.push(second);
    const { body } = await getJson<{ matches: MatchJson[]; next: number | null }>(`${second.url}/api/matches`);
    expect(body.matches.map((m) => m.endReason)).toEqual(["interrupted", finished.endReason]);
    history = body.matches;
    const stored = await getJson<MatchJson>(`${second.url}/api/matches/${finished.id}`);
    expect(stored.status).toBe(200);
    expect(stored.body).toEqual(finished);
    expect(stored.body.players.map((p) => p.name).sort()).toEqual(["Bot-1", "Bot-2", "Bot-3"]);
    expect(stored.body.players.reduce((n, p) => n + p.shots, 0)).toBeGreaterThan(10);
    expect(stored.body.players.find((p) => p.name === "Bot-2")?.bot).toBe(true);
    expect(stored.body.players.find((p) => p.name === "Bot-3")?.bot).toBe(false);
    expect(stored.body.rules).toEqual({ matchSeconds: 5, fragLimit: 20, tickRate: 30 });
    expect(JSON.stringify(stored.body)).not.toMatch(/key/i); // player keys never leave the server

    const replay = await fetch(`${second.url}/api/matches/${finished.id}/replay`);
    expect(replay.status).toBe(200);
    const bytes = new Uint8Array(await replay.arrayBuffer());
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe("SKRP");
    console.log(`replay of a ${finished.rules.matchSeconds} s match, ${finished.players.length} players: ${bytes.length} bytes`);

    const board = await getJson<{ players: Array<{ name: string; matches: number; wins: number }> }>(`${second.url}/api/leaderboard?period=all`);
    expect(board.body.players.length).toBe(3);
    expect(board.body.players.every((p) => p.matches === 2)).toBe(true);
    const week = await getJson<{ period: string }>(`${second.url}/api/leaderboard`);
    expect(week.body.period).toBe("7d");
  }, 60_000);

  it("`replay verify` re-simulates the stored match; an altered input is named by tick and player", async () => {
    const ok = await runReplayCli(["verify", String(finished.id)], env);
    expect(ok.stderr).toBe("");
    expect(ok.stdout.toString()).toMatch(/OK, \d+ ticks re-simulated/);
    expect(ok.code).toBe(0);

    const exported = await runReplayCli(["export", String(finished.id)], env);
    expect(exported.code).toBe(0);
    const file = join(dataDir, "match.skrp");
    writeFileSync(file, exported.stdout);
    expect((await runReplayCli(["verify", file], {})).code).toBe(0);

    const db = new Database(join(dataDir, "skirmish.sqlite"));
    const row = db.prepare("select data from replays where match_id = ?").get(finished.id) as { data: Buffer };
    const altered = alterOneInput(new Uint8Array(row.data));
    db.prepare("update replays set data = ? where match_id = ?").run(Buffer.from(altered.file), finished.id);
    db.close();
    const bad = await runReplayCli(["verify", String(finished.id)], env);
    expect(bad.code).toBe(1);
    expect(bad.stdout.toString()).toContain(`desync at tick ${altered.tick} `);
    expect(bad.stdout.toString()).toContain(`player ${altered.name} (slot ${altered.slot})`);
    expect(bad.stdout.toString()).toMatch(/field (x|y|vx|vy)/);

    const missing = await runReplayCli(["verify", "999999"], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no replay for match 999999/);
  }, 60_000);

  it("refuses bad API parameters with 400 and what is allowed", async () => {
    const { url } = servers[1];
    const cases: Array<[string, RegExp]> = [
      ["/api/matches?limit=0", /limit must be an integer from 1 to 100 \(got "0"\)/],
      ["/api/matches?limit=abc", /limit must be an integer from 1 to 100/],
      ["/api/matches?before=-3", /before must be an integer from 1 to/],
      ["/api/matches?sort=asc", /unknown parameter "sort" \(allowed: limit, before\)/],
      ["/api/matches?limit=1&limit=2", /limit must be given once/],
      ["/api/matches/abc", /match id must be an integer/],
      ["/api/matches/1.5/replay", /match id must be an integer/],
      ["/api/leaderboard?period=month", /period must be 7d or all \(got "month"\)/],
    ];
    for (const [path, message] of cases) {
      const res = await getJson<{ error: string }>(`${url}${path}`);
      expect(res.status, path).toBe(400);
      expect(res.body.error, path).toMatch(message);
    }
    expect((await getJson(`${url}/api/matches/424242`)).status).toBe(404);
    const page = await getJson<{ matches: MatchJson[]; next: number | null }>(`${url}/api/matches?limit=1`);
    expect(page.body.matches).toHaveLength(1);
    const rest = await getJson<{ matches: MatchJson[]; next: number | null }>(`${url}/api/matches?limit=1&before=${page.body.next}`);
    expect(rest.body.matches[0].id).toBeLessThan(page.body.matches[0].id);

    // Past the per-address budget: 429 with Retry-After.
    let limited: Response | undefined;
    for (let i = 0; i <= API_REQUESTS_PER_MINUTE && !limited; i++) {
      const res = await fetch(`${url}/api/leaderboard`);
      await res.arrayBuffer();
      if (res.status === 429) limited = res;
    }
    expect(limited?.headers.get("retry-after")).toMatch(/^\d+$/);
  });

  it("keeps everything through kill -9", async () => {
    servers[1].kill("SIGKILL");
    await servers[1].exited;
    const third = await startServer(env);
    servers.push(third);
    expect((await getJson<{ matches: MatchJson[] }>(`${third.url}/api/matches`)).body.matches).toEqual(history);
  }, 30_000);

  it("stops start-up with a clear message when the database is newer than the code", async () => {
    servers.at(-1)!.kill("SIGTERM");
    await servers.at(-1)!.exited;
    const db = new Database(join(dataDir, "skirmish.sqlite"));
    db.prepare("insert into kysely_migration (name, timestamp) values (?, ?)").run("9999_from_the_future", new Date().toISOString());
    db.close();
    const refused = await spawnServer(env);
    servers.push(refused);
    expect((await refused.exited).code).toBe(1);
    expect(refused.output()).toMatch(/written by a newer Skirmish \(schema 9999_from_the_future; this version knows up to 0001_matches\)/);
  }, 30_000);
});
