// Bench server child: variant "JSON broadcast": what the popular WebSocket tutorials build: a
// plain `ws` server, inputs as JSON, and every tick the whole room state (plus that tick's shots
// and frags) as one JSON message to every client of the room. Same rules, same tick rate.

import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import { STEP_MS, STEP_SECONDS } from "../../shared/constants.js";
import type { FragEvent, ShotEvent } from "../../shared/protocol.js";
import { BaselineGame, plainPlayer, sanitizeCommand, type GamePlayer } from "./baselineGame.js";
import { startFixedLoop, type FixedLoop } from "./fixedLoop.js";
import type { Instruments } from "./instrument.js";
import { roomKeyOf, RoomDirectory, sessionIdFor } from "./roomDirectory.js";
import type { StartedServer } from "./skirmish.js";

/** Largest client frame accepted, bytes (Colyseus' transport default). */
const MAX_CLIENT_FRAME_BYTES = 4 * 1024;

type GameEvent = ({ type: "shot" } & ShotEvent) | ({ type: "frag" } & FragEvent);

class JsonRoom {
  readonly clients = new Map<WebSocket, string>();
  private readonly players = new Map<string, GamePlayer>();
  private readonly game: BaselineGame<GamePlayer>;
  private events: GameEvent[] = [];
  private tick = 0;
  private readonly loop: FixedLoop;

  constructor(instruments: Instruments) {
    this.game = new BaselineGame(this.players, plainPlayer, {
      shot: (event) => this.events.push({ type: "shot", ...event }),
      frag: (event) => this.events.push({ type: "frag", ...event }),
    });
    let started = 0;
    this.loop = startFixedLoop(STEP_MS, () => {
      if (started === 0) started = performance.now();
      this.game.step(STEP_SECONDS);
      this.tick++;
    }, () => {
      this.broadcast();
      instruments.ticks.push(performance.now() - started);
      started = 0;
    });
  }

  join(socket: WebSocket, id: string, name: string): void {
    this.clients.set(socket, id);
    this.game.add(id, name);
    socket.send(JSON.stringify({ type: "welcome", id, tick: this.tick, players: Object.fromEntries(this.players) }));
  }

  leave(socket: WebSocket): void {
    const id = this.clients.get(socket);
    if (id === undefined) return;
    this.clients.delete(socket);
    this.game.remove(id);
  }

  input(socket: WebSocket, data: RawData): void {
    const id = this.clients.get(socket);
    if (id === undefined) return;
    let message: { moveX?: unknown; moveY?: unknown; aim?: unknown; fire?: unknown };
    try {
      message = JSON.parse(data.toString()) as typeof message;
    } catch {
      return;
    }
    this.game.queue(id, sanitizeCommand(message.moveX, message.moveY, message.aim, message.fire));
  }

  close(): void {
    this.loop.stop();
  }

  private broadcast(): void {
    const text = JSON.stringify({ type: "state", tick: this.tick, players: Object.fromEntries(this.players), events: this.events });
    this.events = [];
    for (const socket of this.clients.keys()) socket.send(text);
  }
}

export function startJsonBroadcast(roomSize: number, instruments: Instruments): Promise<StartedServer> {
  const http = createServer();
  const wss = new WebSocketServer({ server: http, perMessageDeflate: false, maxPayload: MAX_CLIENT_FRAME_BYTES });
  const rooms = new RoomDirectory(roomSize, () => new JsonRoom(instruments), (room) => room.close());
  wss.on("connection", (socket: WebSocket, req: IncomingMessage) => {
    const { key, name } = roomKeyOf(req.url);
    const room = rooms.admit(key);
    if (!room) {
      socket.close(4000, "room full");
      return;
    }
    room.join(socket, sessionIdFor(rooms.nextClient()), name);
    socket.on("message", (data: RawData) => room.input(socket, data));
    socket.on("close", () => rooms.release(room, () => room.leave(socket)));
  });
  return new Promise((resolve) => {
    http.listen(0, "127.0.0.1", () => {
      resolve({
        port: (http.address() as AddressInfo).port,
        census: async () => rooms.census(),
      });
    });
  });
}
