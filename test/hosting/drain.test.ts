// Hosting: graceful drain of a real server process on SIGTERM: readiness flips, new joins are
// refused, players are told, the process exits 0 before the deadline; a second signal exits at once.

import { Client } from "@colyseus/sdk";
import { ServerMessage, type NoticeEvent } from "../../shared/protocol.js";
import { afterEach, describe, expect, it } from "vitest";
import { startBot, type Bot } from "./helpers/bots.js";
import { startServer, type ServerProcess } from "./helpers/processes.js";
import { statusOf, waitFor } from "../helpers/waitFor.js";

const DRAIN_TIMEOUT_SECONDS = 6;

let running: ServerProcess[] = [];
let bots: Bot[] = [];

afterEach(async () => {
  for (const bot of bots) await bot.stop();
  for (const server of running) server.kill("SIGKILL");
  bots = [];
  running = [];
});

async function serverWithBots(roomsOfTwo: number): Promise<{ server: ServerProcess; bots: Bot[] }> {
  const server = await startServer({ DRAIN_TIMEOUT_SECONDS: String(DRAIN_TIMEOUT_SECONDS) });
  running.push(server);
  const mine: Bot[] = [];
  for (let r = 0; r < roomsOfTwo; r++) {
    const first = await startBot(server.url, { name: `r${r}-a`, create: true });
    const second = await startBot(server.url, { name: `r${r}-b`, roomId: first.session.room.roomId });
    mine.push(first, second);
  }
  bots.push(...mine);
  await waitFor("every bot sees its opponent", () => mine.every((b) => b.session.room.state.players.size === 2));
  return { server, bots: mine };
}

describe("drain on SIGTERM", () => {
  it("stops taking players, lets rooms play on, tells players, and exits 0 before the deadline", async () => {
    const { server, bots: players } = await serverWithBots(2);
    const roomId = players[0].session.room.roomId;
    const notices: string[] = [];
    for (const b of players) b.session.room.onMessage(ServerMessage.Notice, (n: NoticeEvent) => notices.push(n.text));
    const signalledAt = Date.now();
    server.kill("SIGTERM");

    await waitFor("/readyz to turn not-ready", async () => (await statusOf(`${server.url}/readyz`)) === 503, { timeoutMs: 2000, intervalMs: 20 });
    const readyz = await fetch(`${server.url}/readyz`);
    expect(await readyz.json()).toEqual({ status: "not ready", reasons: ["draining"] });
    expect(await statusOf(`${server.url}/healthz`)).toBe(200); // alive, just leaving

    // New players are refused, by matchmaking and by room code.
    await expect(new Client(server.url).joinOrCreate("arena", { name: "late" })).rejects.toThrow(/restarting/);
    await expect(new Client(server.url).joinById(roomId, { name: "late" })).rejects.toThrow(/locked|restarting/);

    // Running games go on: a player still moves after the signal.
    const p = players[0].session;
    const x0 = p.room.state.players.get(p.sessionId)!.x;
    const y0 = p.room.state.players.get(p.sessionId)!.y;
    await waitFor("play to continue during the drain", () => {
      const now = p.room.state.players.get(p.sessionId)!;
      return Math.hypot(now.x - x0, now.y - y0) > 30;
    }, { timeoutMs: 3000 });
    expect(players.every((b) => b.left === undefined)).toBe(true);
    // Told at once that the game will end, and when.
    await waitFor("every player to get the restart notice", () => notices.length === players.length, { timeoutMs: 2000 });
    expect(notices[0]).toMatch(/server is restarting: this game ends in \d+ s/);

    const exit = await server.exited;
    const exitMs = exit.at - signalledAt;
    // The close frames left before the exit; the clients may read them a moment after it.
    await waitFor("every player to read the close", () => players.every((b) => b.left !== undefined), { timeoutMs: 2000 }).catch(() => undefined);
    console.log(`drain: exit ${exit.code} after ${exitMs} ms (deadline ${DRAIN_TIMEOUT_SECONDS * 1000} ms); players told at ${players.map((b) => b.left ? b.left.at - signalledAt : "never").join(", ")} ms`);
    expect(exit.code).toBe(0);
    expect(exitMs).toBeLessThan(DRAIN_TIMEOUT_SECONDS * 1000);
    for (const bot of players) {
      expect(bot.left).toMatchObject({ code: 4001, reason: expect.stringMatching(/server restarting/) });
    }
    expect(server.logs.some((l) => l.msg === "drain: done")).toBe(true);
  });

  it("exits as soon as the last room is empty", async () => {
    const { server, bots: players } = await serverWithBots(1);
    const signalledAt = Date.now();
    server.kill("SIGTERM");
    await waitFor("/readyz to turn not-ready", async () => (await statusOf(`${server.url}/readyz`)) === 503, { timeoutMs: 2000, intervalMs: 20 });
    for (const bot of players) await bot.stop(); // the match ended: players leave
    const exit = await server.exited;
    console.log(`drain: emptied rooms → exit ${exit.code} after ${exit.at - signalledAt} ms`);
    expect(exit.code).toBe(0);
    expect(exit.at - signalledAt).toBeLessThan(DRAIN_TIMEOUT_SECONDS * 1000 / 2);
  });

  it("exits at once on a second signal", async () => {
    const { server, bots: players } = await serverWithBots(1);
    server.kill("SIGTERM");
    await waitFor("/readyz to turn not-ready", async () => (await statusOf(`${server.url}/readyz`)) === 503, { timeoutMs: 2000, intervalMs: 20 });
    const secondAt = Date.now();
    server.kill("SIGINT");
    const exit = await server.exited;
    console.log(`drain: second signal → exit ${exit.code} after ${exit.at - secondAt} ms`);
    // At once: not waiting for the rooms (they would close at 4.5 s); slack for a busy machine.
    expect(exit.at - secondAt).toBeLessThan(2500);
    expect(exit.code).toBe(1);
    expect(server.logs.some((l) => l.msg === "second signal: exiting now without waiting for rooms")).toBe(true);
    expect(players.every((b) => b.left === undefined || b.left.code !== 4001)).toBe(true);
  });
});
