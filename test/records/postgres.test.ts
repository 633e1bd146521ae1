// Match records on PostgreSQL: two server processes sharing matchmaking through Redis write one
// history into one real PostgreSQL (started by the test); it survives a restart; `replay verify`
// works against it and names an altered input; an unreachable database stops start-up clearly.

import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../helpers/waitFor.js";
import { requireBinary } from "../hosting/helpers/binaries.js";
import type { Bot } from "../hosting/helpers/bots.js";
import { freePort, spawnServer, startServer, type ServerProcess } from "../hosting/helpers/processes.js";
import { startRedis, type RedisServer } from "../hosting/helpers/redis.js";
import { alterOneInput, botsInRoom, getJson, runReplayCli, type MatchJson } from "./helpers.js";
import { requirePostgres, startPostgres, type PostgresServer } from "./postgresServer.js";

const pgBin = requirePostgres();
const redisServer = requireBinary("redis-server", "apt-get install redis-server");

let postgres: PostgresServer;
let redis: RedisServer;
const servers: ServerProcess[] = [];
let bots: Bot[] = [];

/** Two processes started together (they race to create the schema on a fresh database). */
async function startPair(): Promise<ServerProcess[]> {
  const ports = [await freePort(), await freePort()];
  const pair = await Promise.all(ports.map((port) =>
    startServer({ REDIS_URL: redis.url, PUBLIC_ADDRESS: `127.0.0.1:${port}`, DATABASE_URL: postgres.url, DRAIN_TIMEOUT_SECONDS: "3" }, port)));
  servers.push(...pair);
  return pair;
}

describe.skipIf(!pgBin || !redisServer)("match records on PostgreSQL, two processes on Redis", () => {
  beforeAll(async () => {
    postgres = await startPostgres(pgBin!);
    redis = await startRedis(redisServer!);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(bots.map((b) => b.stop()));
    for (const s of servers) s.kill("SIGKILL");
    await Promise.all(servers.map((s) => s.exited));
    await redis?.stop();
    await postgres?.stop();
  });

  let matches: MatchJson[] = [];

  it("both processes record their rooms' matches into one history", async () => {
    const [a, b] = await startPair();
    // The second room goes to the process with fewer rooms: one room on each.
    bots = [...await botsInRoom(a.url, 2), ...await botsInRoom(b.url, 2)];
    const rooms = new Set(bots.map((bot) => bot.session.room.roomId));
    expect(rooms.size).toBe(2);
    matches = await waitFor("both matches in the shared history", async () => {
      const { body } = await getJson<{ matches: MatchJson[] }>(`${b.url}/api/matches`);
      return body.matches.length >= 2 && body.matches;
    }, { timeoutMs: 40_000, intervalMs: 250 });
    const recordedBy = (s: ServerProcess) => s.logs.filter((l) => l.msg === "match recorded").length;
    expect(recordedBy(a)).toBeGreaterThanOrEqual(1);
    expect(recordedBy(b)).toBeGreaterThanOrEqual(1);
    expect((await getJson<{ matches: MatchJson[] }>(`${a.url}/api/matches`)).body.matches.map((m) => m.id))
      .toEqual(matches.map((m) => m.id));
    await Promise.all(bots.map((bot) => bot.stop()));
    bots = [];
    for (const s of [a, b]) s.kill("SIGTERM");
    expect((await Promise.all([a.exited, b.exited])).map((e) => e.code)).toEqual([0, 0]);
  }, 120_000);

  it("keeps history and leaderboard across a restart; replay verify names an altered input", async () => {
    const [a] = await startPair();
    const { body } = await getJson<{ matches: MatchJson[] }>(`${a.url}/api/matches`);
    const finished = matches.filter((m) => m.endReason !== "interrupted");
    expect(finished.length).toBeGreaterThanOrEqual(2);
    for (const m of finished) expect(body.matches.find((x) => x.id === m.id)).toEqual(m);
    const board = await getJson<{ players: unknown[] }>(`${a.url}/api/leaderboard?period=7d`);
    expect(board.body.players.length).toBe(4);

    const env = { DATABASE_URL: postgres.url };
    const id = finished[0].id;
    const ok = await runReplayCli(["verify", String(id)], env);
    expect(ok.stdout.toString()).toMatch(/OK, \d+ ticks re-simulated/);
    expect(ok.code).toBe(0);

    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    const row = await client.query<{ data: Buffer }>("select data from replays where match_id = $1", [id]);
    const altered = alterOneInput(new Uint8Array(row.rows[0].data));
    await client.query("update replays set data = $1 where match_id = $2", [Buffer.from(altered.file), id]);
    await client.end();
    const bad = await runReplayCli(["verify", String(id)], env);
    expect(bad.code).toBe(1);
    expect(bad.stdout.toString()).toContain(`desync at tick ${altered.tick} `);
    expect(bad.stdout.toString()).toContain(`player ${altered.name} (slot ${altered.slot})`);
  }, 90_000);

  it("stops start-up with a clear message when PostgreSQL is unreachable", async () => {
    const nowhere = `postgres://skirmish:secret@127.0.0.1:${await freePort()}/skirmish`;
    const server = await spawnServer({ DATABASE_URL: nowhere });
    servers.push(server);
    expect((await server.exited).code).toBe(1);
    expect(server.output()).toMatch(/cannot reach PostgreSQL at postgres:\/\/skirmish:\*\*\*@127\.0\.0\.1:\d+\/skirmish \(DATABASE_URL\): .*ECONNREFUSED/);
    expect(server.output()).not.toContain("secret");
  }, 30_000);
});
