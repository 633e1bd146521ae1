// Hosting: heartbeats find a client whose connection died without a close, within a bounded
// time; its seat is then held for the reconnection window, and a reconnect gets it back.

import { Client } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GameSession } from "../../client/net/GameSession.js";
import { IDLE, runHeadless, type HeadlessLoop } from "../../client/net/headlessLoop.js";
import { ArenaState } from "../../shared/schema.js";
import { startBlackholeProxy, type BlackholeProxy } from "./helpers/blackholeProxy.js";
import { startHostedServer, type RunningHostedServer } from "./helpers/hostedServer.js";
import { sample, scrape } from "./helpers/metrics.js";
import { waitFor } from "../helpers/waitFor.js";

const HEARTBEAT_INTERVAL_MS = 300;
const HEARTBEAT_MAX_MISSED = 2;
const RECONNECTION_SECONDS = 3;
/** Worst case from the last pong to termination: the missed pings, plus one interval of phase. */
const DETECTION_BOUND_MS = (HEARTBEAT_MAX_MISSED + 1) * HEARTBEAT_INTERVAL_MS;

let server: RunningHostedServer;
let proxy: BlackholeProxy;
const loops: HeadlessLoop[] = [];
const sessions: GameSession[] = [];

beforeAll(async () => {
  server = await startHostedServer({
    HEARTBEAT_INTERVAL_MS: String(HEARTBEAT_INTERVAL_MS),
    HEARTBEAT_MAX_MISSED: String(HEARTBEAT_MAX_MISSED),
    RECONNECTION_SECONDS: String(RECONNECTION_SECONDS),
  });
  proxy = await startBlackholeProxy(server.port);
});

afterAll(async () => {
  for (const loop of loops) loop.stop();
  // Proxies first: a session behind a dead link would wait forever for its leave to be answered.
  await proxy?.close();
  for (const s of sessions) await s.leave().catch(() => undefined);
  await server?.stop();
});

async function drops(): Promise<number> {
  return sample(await scrape(server.url), "skirmish_drops_total") ?? 0;
}

/** A watcher and a player whose network is about to die (it connects through the proxy). */
async function roomWithVanishingPlayer(name: string) {
  const watcher = await GameSession.join(new Client(server.url), { name: `${name}-watcher`, create: true });
  const doomed = await GameSession.join(new Client(proxy.url), { name, roomId: watcher.room.roomId });
  sessions.push(watcher, doomed);
  loops.push(runHeadless(watcher, () => IDLE));
  await waitFor("both players seen", () => watcher.room.state.players.size === 2);
  return { watcher, doomed };
}

describe("dead connections", () => {
  it("are found by heartbeats within the bound, and the seat is held for the reconnection window", async () => {
    const { watcher, doomed } = await roomWithVanishingPlayer("vanisher");
    const dropsBefore = await drops();
    proxy.blackhole();
    const vanishedAt = Date.now();

    await waitFor("the server to notice the dead connection", async () => (await drops()) > dropsBefore, { timeoutMs: 5000, intervalMs: 20 });
    const detectedMs = Date.now() - vanishedAt;
    // The player stays in the game while the seat is held.
    expect(watcher.room.state.players.has(doomed.sessionId)).toBe(true);
    const held = server.logs.find((l) => l.msg === "player dropped" && l.client === doomed.sessionId);
    expect(held).toMatchObject({ code: 1006, holdSeconds: RECONNECTION_SECONDS });

    await waitFor("the seat to be released after the window", () => !watcher.room.state.players.has(doomed.sessionId), { timeoutMs: RECONNECTION_SECONDS * 1000 + 3000 });
    const releasedMs = Date.now() - vanishedAt;
    console.log(`dead connection: detected after ${detectedMs} ms (bound ${DETECTION_BOUND_MS} ms), seat released after ${releasedMs} ms`);
    expect(detectedMs).toBeLessThan(DETECTION_BOUND_MS + 500); // slack for timers on a busy machine
    expect(releasedMs).toBeGreaterThanOrEqual(RECONNECTION_SECONDS * 1000);
  });

  it("a player that reconnects within the window gets its seat back", async () => {
    const reconnectProxy = await startBlackholeProxy(server.port);
    try {
      const watcher = await GameSession.join(new Client(server.url), { name: "keeper", create: true });
      const flaky = await GameSession.join(new Client(reconnectProxy.url), { name: "flaky", roomId: watcher.room.roomId });
      sessions.push(watcher, flaky);
      await waitFor("both players seen", () => watcher.room.state.players.size === 2);
      const token = flaky.room.reconnectionToken;
      const dropsBefore = await drops();
      reconnectProxy.blackhole();
      await waitFor("the drop", async () => (await drops()) > dropsBefore, { timeoutMs: 5000, intervalMs: 20 });

      // The player's device comes back on another network and reconnects with its token.
      const back = await new Client(server.url).reconnect(token, ArenaState);
      expect(back.sessionId).toBe(flaky.sessionId);
      await waitFor("reconnection counted", async () => sample(await scrape(server.url), "skirmish_reconnections_total") === 1);
      expect(watcher.room.state.players.has(flaky.sessionId)).toBe(true);
      expect(server.logs.some((l) => l.msg === "player reconnected" && l.client === flaky.sessionId)).toBe(true);
      await back.leave(true);
      await waitFor("consented leave frees the seat at once", () => !watcher.room.state.players.has(flaky.sessionId), { timeoutMs: 2000 });
    } finally {
      await reconnectProxy.close();
    }
  });
});
