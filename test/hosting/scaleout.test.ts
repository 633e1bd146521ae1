// Hosting: two server processes sharing matchmaking through a real Redis: joining by code across
// processes, quick play filling rooms on both, and a killed process leaving the room list.

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { requireBinary } from "./helpers/binaries.js";
import { startBot, type Bot } from "./helpers/bots.js";
import { freePort, startServer, type ServerProcess } from "./helpers/processes.js";
import { startRedis, type RedisServer } from "./helpers/redis.js";
import { waitFor } from "../helpers/waitFor.js";

const redisServer = requireBinary("redis-server", "apt-get install redis-server");
const MONITOR = { user: "ops", password: "scale-out-monitor-pw" };
const auth = `Basic ${Buffer.from(`${MONITOR.user}:${MONITOR.password}`).toString("base64")}`;
const ROOM_SIZE = 2;

interface Listed { roomId: string; clients: number; maxClients: number; processId: string; publicAddress?: string }

let redis: RedisServer;
const servers: ServerProcess[] = [];
/** processId → the server process hosting it. */
const byProcessId = new Map<string, ServerProcess>();
const bots: Bot[] = [];

async function list(server: ServerProcess): Promise<Listed[]> {
  return await (await fetch(`${server.url}/rooms`)).json() as Listed[];
}

async function bot(server: ServerProcess, request: Parameters<typeof startBot>[1]): Promise<Bot> {
  const b = await startBot(server.url, request);
  bots.push(b);
  return b;
}

describe.skipIf(!redisServer)("scale-out on Redis", () => {
  beforeAll(async () => {
    redis = await startRedis(redisServer!);
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      servers.push(await startServer({
        REDIS_URL: redis.url,
        PUBLIC_ADDRESS: `127.0.0.1:${port}`,
        MAX_CLIENTS_PER_ROOM: String(ROOM_SIZE),
        MONITOR_USER: MONITOR.user,
        MONITOR_PASSWORD: MONITOR.password,
      }, port));
    }
    for (const server of servers) {
      const health = await (await fetch(`${server.url}/healthz`)).json() as { processId: string };
      byProcessId.set(health.processId, server);
    }
  });

  afterAll(async () => {
    for (const b of bots) await b.stop();
    for (const server of servers) server.kill("SIGKILL");
    await Promise.all(servers.map((s) => s.exited));
    await redis?.stop();
  });

  it("a private room on one process is joinable by code through the other", async () => {
    const host = await bot(servers[0], { name: "host", create: true });
    const roomId = host.session.room.roomId;
    const listed = await waitFor("room in the shared listing", async () => (await list(servers[1])).find((r) => r.roomId === roomId));
    const owner = byProcessId.get(listed.processId)!;
    const other = servers.find((s) => s !== owner)!;
    expect(listed.publicAddress).toBe(`127.0.0.1:${owner.port}`);

    // The operator makes it private (the monitor can call room methods on any process).
    const call = await fetch(`${other.url}/monitor/api/room/call?roomId=${roomId}&method=setPrivate&args=${encodeURIComponent("[true]")}`, { headers: { authorization: auth } });
    expect(call.status).toBe(200);
    await waitFor("private room to leave the public list", async () => !(await list(other)).some((r) => r.roomId === roomId));

    // A friend with the code joins through the other process and lands in the same game.
    const friend = await bot(other, { name: "friend", roomId });
    expect(friend.session.room.roomId).toBe(roomId);
    await waitFor("both players see each other", () =>
      host.session.room.state.players.size === 2 && friend.session.room.state.players.size === 2);
    const names = [...friend.session.room.state.players.values()].map((p) => p.name).sort();
    expect(names).toEqual(["friend", "host"]);
  });

  it("quick play fills rooms across both processes", async () => {
    const quick: Bot[] = [];
    for (let i = 0; i < 8; i++) quick.push(await bot(servers[i % 2], { name: `quick${i}` }));
    const rooms = new Map<string, Bot[]>();
    for (const b of quick) rooms.set(b.session.room.roomId, [...(rooms.get(b.session.room.roomId) ?? []), b]);
    // Rooms fill before new ones open: 8 players in rooms of 2 → 4 full rooms.
    expect([...rooms.values()].map((members) => members.length)).toEqual([2, 2, 2, 2]);
    const quickRooms = await waitFor("the four rooms, full, in the shared list", async () => {
      const found = (await list(servers[0])).filter((r) => rooms.has(r.roomId));
      return found.length === 4 && found.every((r) => r.clients === ROOM_SIZE) ? found : undefined;
    });
    // New rooms go to the least loaded process: both host some.
    expect(new Set(quickRooms.map((r) => r.processId)).size).toBe(2);
    for (const members of rooms.values()) {
      await waitFor("room-mates see each other", () => members.every((m) => m.session.room.state.players.size === ROOM_SIZE));
    }
  });

  it("a killed process's rooms leave the list quickly, and play goes on through the other", async () => {
    const [victim, survivor] = servers;
    const victimId = [...byProcessId].find(([, s]) => s === victim)![0];
    await waitFor("the victim hosts rooms", async () => (await list(survivor)).some((r) => r.processId === victimId));

    // The SDK narrates its reconnection attempts to the dead process on the console.
    vi.spyOn(console, "info").mockImplementation(() => undefined);
    const killedAt = Date.now();
    victim.kill("SIGKILL");
    await waitFor("the dead process's rooms to leave the list", async () =>
      !(await list(survivor)).some((r) => r.processId === victimId), { timeoutMs: 15_000, intervalMs: 100 });
    const goneMs = Date.now() - killedAt;
    console.log(`scale-out: a SIGKILLed process's rooms left the list after ${goneMs} ms`);
    expect(goneMs).toBeLessThan(8_000);

    const late = await bot(survivor, { name: "late", create: true });
    expect(late.session.room.state).toBeDefined();
    const listed = await waitFor("the new room listed", async () => (await list(survivor)).find((r) => r.roomId === late.session.room.roomId));
    expect(byProcessId.get(listed.processId)).toBe(survivor);
    const quickAfter = await bot(survivor, { name: "quick-after" });
    expect(quickAfter.session.room.roomId).toBeTruthy();
  });
});
