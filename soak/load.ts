// Soak: the load, run as its own process by soak/cli.ts (tsx soak/load.ts <url> <bots> <seed>):
// bots that play all along (one of them leaves and comes back every few seconds), churn (a plain
// client joins every second and leaves, or loses its socket, a moment later) and low-rate garbage
// (a hostile connection every 2 s sending random frames). Prints its counters on stdout every
// few seconds ("SOAK {json}"); runs until killed.

import "../node/webSocketGlobal.js";
import { Client } from "@colyseus/sdk";
import { WebSocket } from "ws";
import { GameSession } from "../client/net/GameSession.js";
import { runHeadless, type HeadlessLoop } from "../client/net/headlessLoop.js";
import { ROOM_NAME } from "../shared/protocol.js";
import { seededRandom } from "../shared/random.js";

const [url, botsArg, seedArg] = process.argv.slice(2);
// The SDK narrates reconnection attempts and unhandled messages on the console; the parent reads
// this process's stdout for its counters only.
console.log = () => undefined;
console.info = () => undefined;
console.warn = () => undefined;
const random = seededRandom(Number(seedArg ?? 1));

/** A churn client joins this often, ms. */
const CHURN_EVERY_MS = 1000;
/** It stays this long before it leaves or loses its socket, ms. */
const CHURN_STAY_MS = 2000;
/** A bot leaves and joins again this often, ms. */
const BOT_REJOIN_EVERY_MS = 10_000;
/** A hostile connection every this many ms… */
const GARBAGE_EVERY_MS = 2000;
/** …sending this many random frames. */
const GARBAGE_FRAMES = 20;
const REPORT_EVERY_MS = 5000;

const counters = { joins: 0, failures: 0, drops: 0, garbageConnections: 0, garbageFrames: 0, lastFailure: "" };

interface Player {
  session: GameSession;
  loop: HeadlessLoop;
}

async function play(name: string): Promise<Player> {
  const session = await GameSession.join(new Client(url), { name, bot: true });
  counters.joins++;
  const phase = random() * 2 * Math.PI;
  const loop = runHeadless(session, (_s, now) => ({
    moveX: Math.cos(now / 500 + phase), moveY: Math.sin(now / 500 + phase), aim: (now / 900) % (2 * Math.PI), fire: random() < 0.3,
  }));
  return { session, loop };
}

function failed(what: string, error: unknown): void {
  counters.failures++;
  counters.lastFailure = `${what}: ${(error as Error).message}`;
}

async function churnOnce(i: number): Promise<void> {
  const room = await new Client(url).joinOrCreate(ROOM_NAME, { name: `churn${i % 1000}` });
  room.onMessage("*", () => undefined);
  counters.joins++;
  await new Promise((resolve) => setTimeout(resolve, CHURN_STAY_MS));
  if (i % 2 === 0) {
    await room.leave(true);
    return;
  }
  room.reconnection.maxRetries = 0;
  counters.drops++;
  ((room.connection.transport as unknown as { ws: { _socket: { destroy(): void } } }).ws)._socket.destroy();
}

async function garbageOnce(code: string): Promise<void> {
  const res = await fetch(`${url}/matchmake/joinById/${code}`, {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "noise", spectate: true }),
  });
  const seat = (await res.json()) as { roomId?: string; processId?: string; sessionId?: string };
  if (res.status !== 200 || !seat.sessionId) return; // the room is full of spectators: next time
  const ws = new WebSocket(`${url.replace(/^http/, "ws")}/${seat.processId}/${seat.roomId}?sessionId=${seat.sessionId}`);
  ws.on("error", () => undefined);
  counters.garbageConnections++;
  await new Promise<void>((resolve) => {
    ws.once("message", () => {
      ws.send(Uint8Array.from([10])); // the join acknowledgement, as a client sends it
      for (let i = 0; i < GARBAGE_FRAMES; i++) {
        const frame = new Uint8Array(1 + Math.floor(random() * 48));
        for (let k = 0; k < frame.length; k++) frame[k] = Math.floor(random() * 256);
        ws.send(frame);
        counters.garbageFrames++;
      }
    });
    ws.once("close", () => resolve());
    setTimeout(() => { ws.terminate(); resolve(); }, 3000);
  });
}

const players: Player[] = [];
for (let i = 0; i < Number(botsArg ?? 16); i++) {
  try {
    players.push(await play(`bot${i}`));
  } catch (error) {
    failed("bot join", error);
  }
}

let churned = 0;
setInterval(() => void churnOnce(churned++).catch((error: unknown) => failed("churn", error)), CHURN_EVERY_MS);
setInterval(() => {
  if (players.length === 0) return;
  const victim = players.splice(Math.floor(random() * players.length), 1)[0];
  victim.loop.stop();
  void victim.session.leave()
    .then(() => play(`bot-re${counters.joins}`))
    .then((player) => players.push(player))
    .catch((error: unknown) => failed("bot rejoin", error));
}, BOT_REJOIN_EVERY_MS);
setInterval(() => {
  if (players.length === 0) return;
  void garbageOnce(players[Math.floor(random() * players.length)].session.room.roomId).catch(() => undefined);
}, GARBAGE_EVERY_MS);
setInterval(() => process.stdout.write(`SOAK ${JSON.stringify(counters)}\n`), REPORT_EVERY_MS);
