// Hosting: the public edges of a real server: Origin allow-list, body cap, slow partial upgrades,
// room-creation flood, and an error inside one room.

import { matchMaker } from "@colyseus/core";
import { Client } from "@colyseus/sdk";
import { connect, type Socket } from "node:net";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { WebSocket } from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GameSession, type JoinRequest } from "../../client/net/GameSession.js";
import { IDLE, runHeadless } from "../../client/net/headlessLoop.js";
import { startHostedServer, type RunningHostedServer } from "./helpers/hostedServer.js";
import { sample, scrape } from "./helpers/metrics.js";
import { waitFor } from "../helpers/waitFor.js";
import { Sessions } from "../helpers/sessions.js";

const ALLOWED = "https://play.example";
const HEADERS_TIMEOUT_MS = 1500;
const MAX_BODY_BYTES = 4096;
const CREATES_PER_MINUTE = 8;

let server: RunningHostedServer;
const sessions = new Sessions(() => server.url);

beforeAll(async () => {
  server = await startHostedServer({
    ALLOWED_ORIGINS: ALLOWED,
    MAX_BODY_BYTES: String(MAX_BODY_BYTES),
    HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
    ROOM_CREATES_PER_MINUTE: String(CREATES_PER_MINUTE),
    TRUST_PROXY: "loopback",
    // The creation flood below leaves its reservations unused: that limit is test/reservations'.
    RESERVATIONS_PER_ADDRESS: "0",
  });
});

afterAll(async () => {
  await sessions.leaveAll();
  await server?.stop();
});

const join = (request: JoinRequest = {}): Promise<GameSession> => sessions.join(request);

function matchmake(method: string, headers: Record<string, string> = {}, body = "{}"): Promise<Response> {
  return fetch(`${server.url}/matchmake/${method}/arena`, {
    method: "POST", headers: { "content-type": "application/json", ...headers }, body,
  });
}

/** Open a raw WebSocket with this Origin: "open", or the HTTP status that refused it. */
function openWebSocket(url: string, origin: string): Promise<"open" | number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { origin });
    ws.once("open", () => {
      resolve("open");
      ws.close();
    });
    ws.once("unexpected-response", (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
    });
    ws.once("error", (error) => reject(error));
  });
}

describe("origin allow-list", () => {
  it("refuses WebSocket upgrades and matchmaking from other origins", async () => {
    const reserved = await matchmake("create", { origin: ALLOWED });
    expect(reserved.status).toBe(200);
    const seat = await reserved.json() as { processId: string; roomId: string; sessionId: string };
    const wsUrl = `ws://127.0.0.1:${server.port}/${seat.processId}/${seat.roomId}?sessionId=${seat.sessionId}`;

    // Cross-site WebSocket hijacking: a page on another site holding a valid seat.
    expect(await openWebSocket(wsUrl, "https://evil.example")).toBe(403);
    const evil = await matchmake("joinOrCreate", { origin: "https://evil.example" });
    expect(evil.status).toBe(403);
    expect(await evil.json()).toEqual({ error: "origin https://evil.example is not allowed" });
    expect((await matchmake("joinOrCreate", { origin: "null" })).status).toBe(403);
    // Preflights too: a refused origin never sees Colyseus' permissive CORS answer.
    const preflight = await fetch(`${server.url}/matchmake/joinOrCreate/arena`, { method: "OPTIONS", headers: { origin: "https://evil.example" } });
    expect(preflight.status).toBe(403);

    // The allow-listed site and the page this server serves itself get through.
    expect(await openWebSocket(wsUrl, ALLOWED)).toBe("open");
    expect((await matchmake("joinOrCreate", { origin: `http://127.0.0.1:${server.port}` })).status).toBe(200);

    const metrics = await scrape(server.url);
    expect(sample(metrics, "skirmish_http_refused_total", { reason: "origin" })).toBeGreaterThanOrEqual(4);
  });

  it("keeps the monitor off when no credentials are configured", async () => {
    expect((await fetch(`${server.url}/monitor/`)).status).toBe(404);
    expect((await fetch(`${server.url}/monitor/api`)).status).toBe(404);
  });
});

describe("request bodies", () => {
  /** An adversarial upload: headers declaring `size` bytes, then all of them as fast as the
   *  socket takes them, whatever the server answers. Resolves with the status line's code. */
  function oversizePost(size: number, chunk: Buffer): Promise<number> {
    return new Promise((resolve) => {
      const socket = connect(server.port, "127.0.0.1");
      let response = "";
      socket.on("data", (data) => { response += data.toString("latin1"); });
      socket.on("error", () => undefined); // the server cuts the upload off: expected
      socket.on("close", () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1] ?? 0)));
      socket.write(`POST /matchmake/joinOrCreate/arena HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${size}\r\n\r\n`);
      let sent = 0;
      const pump = () => {
        while (sent < size && !socket.destroyed) {
          sent += chunk.length;
          if (!socket.write(chunk)) {
            socket.once("drain", pump);
            return;
          }
        }
        if (!socket.destroyed) socket.end();
      };
      pump();
    });
  }

  it("answers 413 to oversize bodies without buffering them: memory stays bounded", async () => {
    const gc = exposeGc();
    const chunk = Buffer.alloc(256 * 1024, 0x7b); // one shared buffer: the client side holds nothing
    const bodyBytes = 8 * 1024 * 1024;
    const posts = 48;
    gc();
    const before = process.memoryUsage();
    let peakRss = before.rss;
    const statuses: number[] = [];
    for (let batch = 0; batch < posts / 8; batch++) {
      statuses.push(...await Promise.all(Array.from({ length: 8 }, () => oversizePost(bodyBytes, chunk))));
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }
    gc();
    const after = process.memoryUsage();
    const heapGrowth = after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers);
    const rssGrowth = peakRss - before.rss;
    console.log(`413 memory: ${posts} × ${bodyBytes / 2 ** 20} MiB offered; heap+buffers growth ${(heapGrowth / 2 ** 20).toFixed(1)} MiB, peak RSS growth ${(rssGrowth / 2 ** 20).toFixed(1)} MiB`);
    expect(statuses).toEqual(Array(posts).fill(413));
    // 384 MiB were offered; a server that buffered even one batch would grow by ≥ 64 MiB.
    expect(heapGrowth).toBeLessThan(16 * 2 ** 20);
    expect(rssGrowth).toBeLessThan(64 * 2 ** 20);
    const metrics = await scrape(server.url);
    expect(sample(metrics, "skirmish_http_refused_total", { reason: "body_too_large" })).toBe(posts);
  });

  it("answers a malformed URL with 400 and stays up", async () => {
    const res = await fetch(`${server.url}/matchmake/joinById/%E0%A4%A`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(res.status).toBe(400);
    const other = await fetch(`${server.url}/matchmake/joinOrCreate/%E0%A4%A`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(other.status).toBeGreaterThanOrEqual(400); // Colyseus: no such room type
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("refuses bodies without a length (chunked) and still serves small ones", async () => {
    const chunked = await fetch(`${server.url}/matchmake/joinOrCreate/arena`, {
      method: "POST", headers: { "content-type": "application/json" }, duplex: "half",
      body: new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode("{}")); c.close(); } }),
    } as RequestInit);
    expect(chunked.status).toBe(411);
    const ok = await matchmake("joinOrCreate", {}, JSON.stringify({ name: "x".repeat(10) }));
    expect(ok.status).toBe(200);
  });
});

describe("slow partial upgrades", () => {
  it("closes 200 stalled upgrade requests within the headers timeout while an honest client joins quickly", async () => {
    const stalled: Array<{ socket: Socket; openedAt: number; closedAt?: number }> = [];
    for (let i = 0; i < 200; i++) {
      const socket = connect(server.port, "127.0.0.1");
      const entry: { socket: Socket; openedAt: number; closedAt?: number } = { socket, openedAt: Date.now() };
      socket.on("error", () => undefined);
      socket.on("close", () => { entry.closedAt = Date.now(); });
      // Three in four send an upgrade request cut off before its end; the rest send nothing.
      if (i % 4 !== 0) socket.write(`GET /p/r?sessionId=s${i} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Ve`);
      stalled.push(entry);
    }
    await waitFor("all 200 sockets connected", () => stalled.every((s) => s.socket.readyState === "open" || s.closedAt !== undefined));

    const joinStart = Date.now();
    const honest = await join({ name: "honest", create: true });
    await waitFor("honest player in state", () => honest.room.state.players.get(honest.sessionId));
    const joinMs = Date.now() - joinStart;

    await waitFor("stalled sockets closed", () => stalled.every((s) => s.closedAt !== undefined), { timeoutMs: HEADERS_TIMEOUT_MS + 8000 })
      .catch((error: Error) => {
        const open = stalled.filter((s) => s.closedAt === undefined);
        throw new Error(`${error.message}: ${open.length} still open, ${open.filter((s) => s.socket.bytesWritten > 0).length} of them mid-request, oldest ${Date.now() - Math.min(...open.map((s) => s.openedAt))} ms`);
      });
    const lifetimes = stalled.map((s) => s.closedAt! - s.openedAt);
    const longest = Math.max(...lifetimes);
    console.log(`slow upgrades: 200 closed after ${Math.min(...lifetimes)}–${longest} ms (timeout ${HEADERS_TIMEOUT_MS} ms); honest join took ${joinMs} ms`);
    expect(joinMs).toBeLessThan(1500);
    expect(Math.min(...lifetimes)).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 50); // closed by the timeout, not by accident
    expect(longest).toBeLessThan(HEADERS_TIMEOUT_MS + 2000); // slack for a busy machine
    // Past the deadline the honest client's own sockets had (their headers arrived in time).
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, joinStart + HEADERS_TIMEOUT_MS + 500 - Date.now())));
    const metrics = await scrape(server.url);
    // Exactly the stalled ones: no socket whose headers arrived (the honest client's) is refused.
    expect(sample(metrics, "skirmish_http_refused_total", { reason: "headers_timeout" })).toBe(200);
  });
});

describe("room-creation flood", () => {
  it("cuts off one address after its allowance, not the others, and joining stays open", async () => {
    const flooder = { "x-forwarded-for": "203.0.113.7" }; // through a trusted (loopback) proxy
    const statuses: number[] = [];
    let refused: Response | undefined;
    for (let i = 0; i < CREATES_PER_MINUTE + 6; i++) {
      const res = await matchmake("create", flooder);
      statuses.push(res.status);
      if (res.status === 429) refused = res;
      else await res.arrayBuffer();
    }
    expect(statuses).toEqual([...Array(CREATES_PER_MINUTE).fill(200), ...Array(6).fill(429)]);
    expect(Number(refused!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused!.json()).toMatchObject({ error: expect.stringMatching(/too many rooms created from your address: try again in \d+ s/) });

    // Another address still creates; the flooder may still join a room that exists.
    expect((await matchmake("create", { "x-forwarded-for": "203.0.113.8" })).status).toBe(200);
    expect((await matchmake("joinOrCreate", flooder)).status).toBe(200);
    // The SDK shows the reason to the player.
    await expect(new Client(server.url, { headers: flooder }).create("arena")).rejects.toThrow(/too many rooms created from your address/);
  });
});

describe("an error inside one room", () => {
  it("closes that room telling its players, logs the stack, and the other rooms keep ticking", async () => {
    const doomed = await join({ name: "doomed", create: true });
    const doomedToo = await join({ name: "doomed-2", roomId: doomed.room.roomId });
    const survivor = await join({ name: "survivor", create: true });
    await waitFor("players in state", () => doomed.room.state.players.size === 2 && survivor.room.state.players.size === 1);
    const told = (s: GameSession) => new Promise<{ code: number; reason?: string }>((resolve) => s.room.onLeave((code, reason) => resolve({ code, reason })));
    const toldA = told(doomed);
    const toldB = told(doomedToo);

    // A bug in the rules: the room's tick throws.
    const room = matchMaker.getLocalRoomById(doomed.room.roomId) as unknown as { tick: () => void };
    room.tick = () => {
      throw new Error("boom: test fault in the tick");
    };

    for (const { code, reason } of [await toldA, await toldB]) {
      expect(code).toBe(1011);
      expect(reason).toMatch(/server error/);
    }
    await waitFor("failed room disposed", () => matchMaker.getLocalRoomById(doomed.room.roomId) === undefined);
    const logged = server.logs.find((l) => l.msg === "room error: closing the room");
    expect(logged).toMatchObject({ level: "error", room: doomed.room.roomId, method: "setFixedTimestep" });
    expect((logged!.error as { stack: string }).stack).toMatch(/boom: test fault in the tick[\s\S]*edges\.test\.ts/);

    // The survivor's room still simulates: its player moves.
    const x0 = survivor.room.state.players.get(survivor.sessionId)!.x;
    const dir = x0 < 640 ? 1 : -1;
    const loop = runHeadless(survivor, () => ({ ...IDLE, moveX: dir }));
    try {
      await waitFor("survivor's room to keep ticking", () => Math.abs(survivor.room.state.players.get(survivor.sessionId)!.x - x0) > 40);
    } finally {
      loop.stop();
    }
    const metrics = await scrape(server.url);
    expect(sample(metrics, "skirmish_room_errors_total", { method: "setFixedTimestep" })).toBe(1);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  });
});

/** `gc()` without starting node with --expose-gc. */
function exposeGc(): () => void {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}
