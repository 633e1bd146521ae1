// Bench server child: variant "Raw floor": no game at all. Each room writes, to each client, the
// same number of messages of the same sizes a Skirmish client received (the traffic profile),
// with `ws`, from preallocated buffers, each client's messages of a tick in one socket write (as
// Skirmish writes them); inputs are read and dropped. What is left is the cost of the socket layer
// and the kernel: the physical limit for this traffic.

import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import { STEP_MS, STEP_SECONDS } from "../../shared/constants.js";
import type { MessageClass, TrafficProfile } from "../contracts.js";
import { startFixedLoop, type FixedLoop } from "./fixedLoop.js";
import type { Instruments } from "./instrument.js";
import { roomKeyOf, RoomDirectory } from "./roomDirectory.js";
import type { StartedServer } from "./skirmish.js";

const MAX_CLIENT_FRAME_BYTES = 4 * 1024;

interface Stream {
  buffer: Buffer;
  /** Messages per client per tick (fractional: carried over between ticks). */
  perTick: number;
  due: number;
}

function messageOf(code: number, bytes: number): Buffer {
  const buffer = Buffer.alloc(Math.max(1, Math.round(bytes)), 0x55);
  buffer[0] = code;
  return buffer;
}

class RawRoom {
  /** Each client's WebSocket and the TCP socket under it. */
  readonly clients = new Map<WebSocket, Socket>();
  private readonly streams: Stream[];
  private readonly loop: FixedLoop;

  constructor(classes: readonly MessageClass[], instruments: Instruments) {
    this.streams = classes.map((c) => ({ buffer: messageOf(c.code, c.bytes), perTick: c.perSecond * STEP_SECONDS, due: 0 }));
    let started = 0;
    this.loop = startFixedLoop(STEP_MS, () => {
      if (started === 0) started = performance.now();
      this.writeTick();
    }, () => {
      instruments.ticks.push(performance.now() - started);
      started = 0;
    });
  }

  private writeTick(): void {
    // Every client of a room gets the same messages (patches and events are broadcasts).
    for (const socket of this.clients.values()) socket.cork();
    for (const stream of this.streams) {
      stream.due += stream.perTick;
      while (stream.due >= 1) {
        stream.due -= 1;
        for (const socket of this.clients.keys()) socket.send(stream.buffer);
      }
    }
    for (const socket of this.clients.values()) socket.uncork();
  }

  close(): void {
    this.loop.stop();
  }
}

export function startRawFloor(roomSize: number, profile: TrafficProfile, instruments: Instruments): Promise<StartedServer> {
  const http = createServer();
  const wss = new WebSocketServer({ server: http, perMessageDeflate: false, maxPayload: MAX_CLIENT_FRAME_BYTES });
  const joinMessages = profile.join.map((bytes, i) => messageOf(i === profile.join.length - 1 ? 14 : 10, bytes));
  const rooms = new RoomDirectory(roomSize, () => new RawRoom(profile.down, instruments), (room) => room.close());
  wss.on("connection", (socket: WebSocket, req: IncomingMessage) => {
    const room = rooms.admit(roomKeyOf(req.url).key);
    if (!room) {
      socket.close(4000, "room full");
      return;
    }
    room.clients.set(socket, req.socket);
    for (const message of joinMessages) socket.send(message);
    socket.on("message", () => undefined);
    socket.on("close", () => rooms.release(room, () => room.clients.delete(socket)));
  });
  return new Promise((resolve) => {
    http.listen(0, "127.0.0.1", () => {
      resolve({ port: (http.address() as AddressInfo).port, census: async () => rooms.census() });
    });
  });
}
