// Bench server child: variant "Minimal Colyseus": what the Colyseus templates give: a plain room
// with default `t.number()` fields, inputs sent as messages, the same rules at the same tick and
// patch rates, and none of the netcode (no input schema, no acks, no rewind).

import type { Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { defineRoom, defineServer, Room, type Client } from "@colyseus/core";
import { schema, t, type SchemaType } from "@colyseus/schema";
import { WebSocketTransport } from "@colyseus/ws-transport";
import { PATCH_MS, TICK_RATE } from "../../shared/constants.js";
import { ROOM_NAME, ServerMessage } from "../../shared/protocol.js";
import { MINIMAL_INPUT } from "../common/contracts.js";
import { BaselineGame, sanitizeCommand } from "./baselineGame.js";
import { colyseusCensus, type StartedServer } from "./skirmish.js";

const MinimalPlayer = schema({
  x: t.number(),
  y: t.number(),
  vx: t.number(),
  vy: t.number(),
  aim: t.number(),
  cooldown: t.number(),
  alive: t.boolean(),
  health: t.number(),
  shield: t.number(),
  frags: t.number(),
  deaths: t.number(),
  name: t.string(),
  color: t.number(),
}, "MinimalPlayer");
type MinimalPlayer = SchemaType<typeof MinimalPlayer>;

const MinimalState = schema({ players: t.map(MinimalPlayer) }, "MinimalState");
type MinimalState = SchemaType<typeof MinimalState>;

let roomSize = 10;

class MinimalRoom extends Room<{ state: MinimalState }> {
  maxClients = roomSize;
  patchRate = PATCH_MS;
  state = new MinimalState();
  private game!: BaselineGame<MinimalPlayer>;

  onCreate(): void {
    this.game = new BaselineGame(this.state.players, () => new MinimalPlayer(), {
      shot: (event) => this.broadcast(ServerMessage.Shot, event),
      frag: (event) => this.broadcast(ServerMessage.Frag, event),
    });
    this.onMessage(MINIMAL_INPUT, (client: Client, input: { moveX?: unknown; moveY?: unknown; aim?: unknown; fire?: unknown } | undefined) => {
      this.game.queue(client.sessionId, sanitizeCommand(input?.moveX, input?.moveY, input?.aim, input?.fire));
    });
    this.setFixedTimestep((ctx) => this.game.step(ctx.dt), TICK_RATE);
  }

  onJoin(client: Client, options: { name?: unknown } | undefined): void {
    this.game.add(client.sessionId, typeof options?.name === "string" ? options.name.slice(0, 16) : "player");
  }

  onLeave(client: Client): void {
    this.game.remove(client.sessionId);
  }
}

export async function startMinimal(size: number): Promise<StartedServer> {
  roomSize = size;
  const server = defineServer({
    rooms: { [ROOM_NAME]: defineRoom(MinimalRoom) },
    transport: new WebSocketTransport(),
    greet: false,
  });
  await server.listen(0, "127.0.0.1");
  const port = ((server.transport.server as HttpServer).address() as AddressInfo).port;
  return { port, census: colyseusCensus() };
}
