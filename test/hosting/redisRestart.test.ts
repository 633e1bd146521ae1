// Hosting: Redis restarts under two processes in play. redis-server (no persistence) is stopped
// and started again on the same port: rooms keep ticking through the outage, /readyz says
// "redis" while it lasts, and within 10 s of Redis being back every room in play is listed again
// and joinable by its code through either process.

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { requireBinary } from "./helpers/binaries.js";
import { startBot, type Bot } from "./helpers/bots.js";
import { freePort, startServer, type ServerProcess } from "./helpers/processes.js";
import { startRedis, type RedisServer } from "./helpers/redis.js";
import { waitFor } from "../helpers/waitFor.js";

const redisServer = requireBinary("redis-server", "apt-get install redis-server");
/** How soon after Redis is back every room must be listed and joinable again, ms. */
const RELISTED_WITHIN_MS = 10_000;
/** How long Redis stays down, ms. */
const OUTAGE_MS = 3_000;

let redis: RedisServer;
const servers: ServerProcess[] = [];
const bots: Bot[] = [];

async function listed(server: ServerProcess): Promise<string[]> {
  const res = await fetch(`${server.url}/rooms`);
  if (res.status !== 200) return [];
  return ((await res.json()) as Array<{ roomId: string }>).map((r) => r.roomId);
}

describe.skipIf(!redisServer)("a Redis restart", () => {
  beforeAll(async () => {
    redis = await startRedis(redisServer!);
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      servers.push(await startServer({ REDIS_URL: redis.url, PUBLIC_ADDRESS: `127.0.0.1:${port}` }, port));
    }
  }, 60_000);

  afterAll(async () => {
    for (const b of bots) await b.stop();
    for (const server of servers) server.kill("SIGKILL");
    await Promise.all(servers.map((s) => s.exited));
    await redis?.stop();
  });

  it(`rooms keep ticking, /readyz reports it, and within ${RELISTED_WITHIN_MS / 1000} s of Redis back every room is listed and joinable through either process`, async () => {
    // The SDK narrates reconnection attempts on the console; none are expected, but keep it quiet.
    vi.spyOn(console, "info").mockImplementation(() => undefined);
    for (const server of servers) bots.push(await startBot(server.url, { name: `host-${bots.length}`, create: true }));
    const codes = bots.map((b) => b.session.room.roomId);
    await waitFor("both rooms listed on both processes", async () => {
      const lists = await Promise.all(servers.map(listed));
      return lists.every((list) => codes.every((code) => list.includes(code)));
    });

    const patches = bots.map(() => 0);
    bots.forEach((b, i) => b.session.room.onStateChange(() => { patches[i]++; }));
    await redis.stop();
    const downAt = Date.now();
    for (const server of servers) {
      const readyz = await waitFor("/readyz to report the outage", async () => {
        const res = await fetch(`${server.url}/readyz`);
        const text = await res.text();
        return res.status === 503 && text;
      }, { timeoutMs: OUTAGE_MS });
      expect(readyz).toMatch(/redis/);
    }
    const atOutage = [...patches];
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, OUTAGE_MS - (Date.now() - downAt))));
    // Still in play: both rooms sent a second's worth of patches (30 at 30 Hz) during the outage.
    expect(patches.every((n, i) => n >= atOutage[i] + 30)).toBe(true);
    expect(bots.map((b) => b.left)).toEqual([undefined, undefined]);

    redis = await startRedis(redisServer!, redis.port);
    const backAt = Date.now();
    await waitFor("every room listed again on both processes", async () => {
      const lists = await Promise.all(servers.map(listed));
      return lists.every((list) => codes.every((code) => list.includes(code)));
    }, { timeoutMs: RELISTED_WITHIN_MS, intervalMs: 100 });
    // Joinable by code through either process: each room through the process that does not host it.
    for (const [i, code] of codes.entries()) {
      const friend = await startBot(servers[1 - i].url, { name: `friend-${i}`, roomId: code });
      bots.push(friend);
      expect(friend.session.room.roomId).toBe(code);
    }
    const joinableAfter = Date.now() - backAt;
    console.log(`redis restart: rooms listed and joinable through either process ${joinableAfter} ms after Redis was back`);
    expect(joinableAfter).toBeLessThan(RELISTED_WITHIN_MS);
    for (const server of servers) expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  }, 90_000);
});
