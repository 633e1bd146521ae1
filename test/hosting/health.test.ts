// Hosting: health, readiness, metrics and the monitor on a real server with bots playing.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GameSession, type JoinRequest } from "../../client/net/GameSession.js";
import { runHeadless, type HeadlessLoop } from "../../client/net/headlessLoop.js";
import { startHostedServer, type RunningHostedServer } from "./helpers/hostedServer.js";
import { sample, scrape, total } from "./helpers/metrics.js";
import { waitFor } from "../helpers/waitFor.js";
import { Sessions } from "../helpers/sessions.js";

const MONITOR = { user: "ops", password: "correct horse battery staple" };
/** Not the default 30 Hz: the configured rate must be the one rooms run at. */
const TICK_RATE = 20;
const auth = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

let server: RunningHostedServer;
const loops: HeadlessLoop[] = [];
const sessions = new Sessions(() => server.url);

beforeAll(async () => {
  server = await startHostedServer({
    MONITOR_USER: MONITOR.user, MONITOR_PASSWORD: MONITOR.password, TICK_RATE: String(TICK_RATE), MAX_ROOMS_PER_PROCESS: "3",
  });
});

afterAll(async () => {
  for (const loop of loops) loop.stop();
  await sessions.leaveAll();
  await server?.stop();
});

const join = (request: JoinRequest = {}): Promise<GameSession> => sessions.join(request);

describe("health and readiness", () => {
  it("/healthz answers ok and /readyz says ready", async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(health.headers.get("cache-control")).toBe("no-store");
    expect(await health.json()).toMatchObject({ status: "ok" });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready" });
  });
});

describe("metrics", () => {
  it("serves the Prometheus text format with process and game metrics", async () => {
    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    for (const name of [
      "process_cpu_user_seconds_total", "process_resident_memory_bytes", "nodejs_eventloop_lag_seconds",
      "nodejs_heap_size_used_bytes", "skirmish_clients", "skirmish_ready",
    ]) {
      expect(sample(text, name), name).toBeGreaterThanOrEqual(0);
    }
    expect(sample(text, "skirmish_ready")).toBe(1);
    expect(text).toContain("# TYPE skirmish_tick_duration_seconds histogram");
  });

  it("moves when bots play: clients, rooms by phase, ticks, patch bytes, inputs, joins, kicks", async () => {
    const before = await scrape(server.url);
    const a = await join({ name: "metric-a", create: true });
    const b = await join({ name: "metric-b", roomId: a.room.roomId });
    await waitFor("both players in state", () => a.room.state.players.size === 2);
    // Circle-strafe and fire: inputs flow in, patches flow out.
    const play = (phase: number) => (_s: GameSession, now: number) => ({
      moveX: Math.cos(now / 300 + phase), moveY: Math.sin(now / 300 + phase), aim: (now / 500) % (2 * Math.PI), fire: true,
    });
    loops.push(runHeadless(a, play(0)), runHeadless(b, play(Math.PI)));

    const during = await waitFor("metrics to show two players playing", async () => {
      const text = await scrape(server.url);
      const ticks = (sample(text, "skirmish_tick_duration_seconds_count") ?? 0) - (sample(before, "skirmish_tick_duration_seconds_count") ?? 0);
      const inputs = (sample(text, "skirmish_ws_received_messages_total", { kind: "input" }) ?? 0);
      const patchBytes = (sample(text, "skirmish_ws_sent_bytes_total", { kind: "patch" }) ?? 0) - (sample(before, "skirmish_ws_sent_bytes_total", { kind: "patch" }) ?? 0);
      return sample(text, "skirmish_clients") === 2 && ticks > 30 && inputs > 30 && patchBytes > 1000 ? text : undefined;
    });
    // One room, in whatever phase its match is (the room names its phases).
    expect(total(during, "skirmish_rooms")).toBe(1);
    expect(sample(during, "skirmish_joins_total")! - sample(before, "skirmish_joins_total")!).toBe(2);
    expect(sample(during, "skirmish_ws_sent_bytes_total", { kind: "message" })!).toBeGreaterThan(0); // shot events
    expect(sample(during, "skirmish_tick_duration_seconds_sum")!).toBeGreaterThan(0);

    // A protocol violation is counted as a rejected message, with its reason.
    const kicked = new Promise<number>((resolve) => b.room.onLeave((code) => resolve(code)));
    b.room.send("teleport", {});
    expect(await kicked).toBe(4100);
    const after = await waitFor("kick and departure in metrics", async () => {
      const text = await scrape(server.url);
      return sample(text, "skirmish_messages_rejected_total", { reason: "protocol_violation" }) === 1 && sample(text, "skirmish_clients") === 1 ? text : undefined;
    });
    expect(total(after, "skirmish_rooms")).toBe(1);
    expect(server.logs.some((l) => l.msg === "kick" && l.reason === "protocol_violation" && l.level === "warn")).toBe(true);
  });

  it("runs rooms at the configured tick rate", async () => {
    const first = await scrape(server.url);
    const t0 = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const second = await scrape(server.url);
    const seconds = (performance.now() - t0) / 1000;
    const ticks = sample(second, "skirmish_tick_duration_seconds_count")! - sample(first, "skirmish_tick_duration_seconds_count")!;
    // One room is open: its ticks per second are the rate (the fixed step catches up after a stall).
    expect(ticks / seconds).toBeGreaterThan(TICK_RATE * 0.75);
    expect(ticks / seconds).toBeLessThan(TICK_RATE * 1.25);
  });

  it("refuses rooms past MAX_ROOMS_PER_PROCESS, saying the server is full", async () => {
    const create = () => fetch(`${server.url}/matchmake/create/arena`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    // One room is open already; two more fit.
    expect((await create()).status).toBe(200);
    expect((await create()).status).toBe(200);
    const full = await create();
    expect(full.status).toBe(503);
    expect(await full.text()).toMatch(/this server is full \(3 rooms\)/);
  });

  it("lists public rooms at /rooms", async () => {
    const open = await waitFor("the room listed with its one remaining player", async () => {
      const rooms = await (await fetch(`${server.url}/rooms`)).json() as Array<{ roomId: string; clients: number }>;
      return rooms.find((r) => r.roomId === sessions.list[0].room.roomId && r.clients === 1);
    });
    expect(open).toMatchObject({ locked: false, processId: expect.any(String) });
  });
});

describe("monitor", () => {
  it("is behind the configured credentials", async () => {
    const none = await fetch(`${server.url}/monitor/`);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Basic realm="Skirmish monitor"/);
    expect((await fetch(`${server.url}/monitor/api`, { headers: { authorization: auth("ops", "wrong password!!") } })).status).toBe(401);
    expect((await fetch(`${server.url}/monitor/api`, { headers: { authorization: auth("root", MONITOR.password) } })).status).toBe(401);

    const page = await fetch(`${server.url}/monitor/`, { headers: { authorization: auth(MONITOR.user, MONITOR.password) } });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html/i);
    const api = await fetch(`${server.url}/monitor/api`, { headers: { authorization: auth(MONITOR.user, MONITOR.password) } });
    expect(api.status).toBe(200);
    const body = await api.json() as { rooms: Array<{ roomId: string; clients: number }> };
    expect(body.rooms.map((r) => r.roomId)).toContain(sessions.list[0].room.roomId);
  });

  it("refuses cross-site requests even with credentials", async () => {
    const res = await fetch(`${server.url}/monitor/api`, {
      headers: { authorization: auth(MONITOR.user, MONITOR.password), "sec-fetch-site": "cross-site" },
    });
    expect(res.status).toBe(403);
  });
});
