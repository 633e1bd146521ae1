// Tests: a hostile client fleet, run as its own process (tsx test/fuzz/fuzzer.ts) so its CPU does
// not slow the honest player's process. Parallel workers each join one of the given rooms by code
// over plain HTTP + WebSocket (no SDK: a hostile client need not use one), acknowledge the join,
// send a burst of random frames, and start over once the server closed them. Prints one JSON line:
// what was sent and how the server ended each connection.
//
// Frames: random bytes; protocol codes with random modifier bits and random bodies; plausible
// inputs and chat with random contents (those pass, so a connection lives for a few frames);
// frames over the payload limit; messages split into WebSocket fragments at random points; and
// raw frames written to the TCP socket in pieces, cut at random points.
//
// Usage: tsx test/fuzz/fuzzer.ts <url> <frames> <seconds> <workers> <seed> <room>[,<spectate>] ...
// The frames are spread over about <seconds>: bursts go out in chunks, and workers wait while the
// fleet is ahead of an even pace.

import type { Socket } from "node:net";
import { WebSocket } from "ws";
import { seededRandom } from "../../shared/random.js";

interface Target {
  room: string;
  spectate: boolean;
}

const [url, framesArg, secondsArg, workersArg, seedArg, ...targetArgs] = process.argv.slice(2);
const targetFrames = Number(framesArg);
const targetMs = Number(secondsArg) * 1000;
/** Frames a burst sends before yielding for CHUNK_GAP_MS (a burst spreads over several ticks). */
const CHUNK_FRAMES = 100;
const CHUNK_GAP_MS = 5;
const workers = Number(workersArg);
const random = seededRandom(Number(seedArg));
const targets: Target[] = targetArgs.map((arg) => {
  const [room, how] = arg.split(",");
  return { room, spectate: how === "spectate" };
});

const PROTOCOL = { JOIN_ROOM: 10, LEAVE_ROOM: 12, ROOM_DATA: 13, PING: 18, INPUT: 19 } as const;
const TIMED = 0x80;
/** Over the server's 16 KiB frame limit, up to 70 KB. */
const OVERSIZE_MIN = 17 * 1024;
const OVERSIZE_MAX = 70 * 1024;

const stats = {
  frames: 0, connections: 0, joinRefused: 0, oversize: 0, fragmented: 0, split: 0,
  closes: {} as Record<string, number>,
};

const int = (n: number) => Math.floor(random() * n);
const bytes = (n: number) => {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = int(256);
  return out;
};

/** One random frame, and how to send it. */
function randomFrame(): { data: Uint8Array; kind: "plain" | "fragmented" } {
  const roll = random();
  if (roll < 0.01) {
    stats.oversize++;
    return { data: bytes(OVERSIZE_MIN + int(OVERSIZE_MAX - OVERSIZE_MIN)), kind: "plain" };
  }
  let data: Uint8Array;
  if (roll < 0.35) data = bytes(int(64)); // anything, maybe empty
  else if (roll < 0.55) data = Uint8Array.from([[10, 11, 12, 13, 17, 18, 19, 20, 21, 22][int(10)] | (int(8) << 5), ...bytes(int(32))]);
  else if (roll < 0.85) data = plausibleInput();
  else if (roll < 0.92) data = Uint8Array.from([PROTOCOL.PING]);
  else data = Uint8Array.from([PROTOCOL.ROOM_DATA, 0xa4, 0x63, 0x68, 0x61, 0x74, ...bytes(int(24))]); // "chat" + random body
  return { data, kind: random() < 0.03 && data.length > 1 ? "fragmented" : "plain" };
}

/** A well-formed input frame (a timed stamp, then field writes) with random values. */
function plausibleInput(): Uint8Array {
  const out = [PROTOCOL.INPUT | TIMED, int(100)];
  const writes = int(5);
  for (let i = 0; i < writes; i++) {
    const field = int(5);
    out.push(0x80 | field);
    if (field === 2 || field === 4) out.push(int(256), int(256)); // aim, lead: 16 bits
    else out.push(int(256)); // moveX, moveY: 8 bits; fire: boolean
  }
  return Uint8Array.from(out);
}

/** The raw bytes of a masked client frame (binary, FIN), as a WebSocket client writes them. */
function rawFrame(payload: Uint8Array): Buffer {
  const header = payload.length < 126 ? 2 : 4;
  const frame = Buffer.alloc(header + 4 + payload.length);
  frame[0] = 0x82;
  if (header === 2) frame[1] = 0x80 | payload.length;
  else {
    frame[1] = 0x80 | 126;
    frame.writeUInt16BE(payload.length, 2);
  }
  const mask = bytes(4);
  frame.set(mask, header);
  for (let i = 0; i < payload.length; i++) frame[header + 4 + i] = payload[i] ^ mask[i % 4];
  return frame;
}

async function reserve(target: Target): Promise<{ endpoint: string } | undefined> {
  const res = await fetch(`${url}/matchmake/joinById/${target.room}`, {
    method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify(target.spectate ? { name: "fuzz", spectate: true } : { name: "fuzz" }),
  });
  const body = (await res.json()) as { roomId?: string; processId?: string; sessionId?: string };
  if (res.status !== 200 || !body.sessionId) return undefined;
  return { endpoint: `${url.replace(/^http/, "ws")}/${body.processId}/${body.roomId}?sessionId=${body.sessionId}` };
}

/** One hostile connection: join, ack, burst, wait for the server to close it. */
async function hostileConnection(target: Target): Promise<void> {
  const seat = await reserve(target).catch(() => undefined);
  if (!seat) {
    stats.joinRefused++;
    await new Promise((resolve) => setTimeout(resolve, 20));
    return;
  }
  const ws = new WebSocket(seat.endpoint);
  ws.on("error", () => undefined);
  stats.connections++;
  const closed = new Promise<number>((resolve) => ws.once("close", (code) => resolve(code)));
  const joined = new Promise<boolean>((resolve) => {
    ws.once("message", () => resolve(true));
    ws.once("close", () => resolve(false));
  });
  if (await joined) {
    ws.send(Uint8Array.from([PROTOCOL.JOIN_ROOM]));
    const burst = 50 + int(350);
    for (let i = 0; i < burst && ws.readyState === WebSocket.OPEN; i++) {
      if (i % CHUNK_FRAMES === CHUNK_FRAMES - 1) await new Promise((resolve) => setTimeout(resolve, CHUNK_GAP_MS));
      if (ws.readyState !== WebSocket.OPEN) break;
      const { data, kind } = randomFrame();
      stats.frames++;
      if (kind === "fragmented") {
        stats.fragmented++;
        const cut = 1 + int(data.length - 1);
        ws.send(data.subarray(0, cut), { fin: false });
        ws.send(data.subarray(cut), { fin: true });
      } else {
        ws.send(data);
      }
    }
    if (random() < 0.3 && ws.readyState === WebSocket.OPEN) {
      // Last act of this connection: a raw frame cut into pieces at random points, written
      // straight to the TCP socket (ws writes nothing more on it from here).
      stats.split++;
      stats.frames++;
      const frame = rawFrame(randomFrame().data.subarray(0, 2000));
      const socket = (ws as unknown as { _socket: Socket })._socket;
      const a = 1 + int(frame.length - 1);
      const b = a + int(frame.length - a);
      for (const piece of [frame.subarray(0, a), frame.subarray(a, b), frame.subarray(b)]) {
        if (piece.length > 0) socket.write(piece);
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  }
  const timeout = setTimeout(() => ws.terminate(), 3000);
  const code = await closed;
  clearTimeout(timeout);
  stats.closes[code] = (stats.closes[code] ?? 0) + 1;
}

async function worker(target: Target): Promise<void> {
  while (stats.frames < targetFrames) {
    while (stats.frames > (targetFrames * (Date.now() - started)) / targetMs) await new Promise((resolve) => setTimeout(resolve, 50));
    await hostileConnection(target);
  }
}

const started = Date.now();
await Promise.all(Array.from({ length: workers }, (_, i) => worker(targets[i % targets.length])));
console.log(JSON.stringify({ ...stats, seconds: (Date.now() - started) / 1000 }));
