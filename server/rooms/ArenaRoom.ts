// Server: the `arena` room: a thin adapter between Colyseus and the game rules.

import { Room, ServerError, type Client, type StepContext } from "@colyseus/core";
import { ARENA } from "../../shared/arena.js";
import {
  INPUT_BUFFER_SIZE, MAX_INPUTS_PER_TICK, MAX_MESSAGES_PER_SECOND, MAX_PLAYERS, MAX_REWIND_MS,
  PATCH_MS, TICK_RATE,
} from "../../shared/constants.js";
import { CloseCode, ServerMessage } from "../../shared/protocol.js";
import { ArenaState, PlayerInput, type Player } from "../../shared/schema.js";
import { ArenaGame } from "../game/ArenaGame.js";
import { log } from "../hosting/log.js";
import { ArenaOptions, parseOrExplain } from "./joinOptions.js";

export class ArenaRoom extends Room<{ state: ArenaState; input: PlayerInput }> {
  maxClients = MAX_PLAYERS;
  patchRate = PATCH_MS;
  maxMessagesPerSecond = MAX_MESSAGES_PER_SECOND;
  state = new ArenaState();

  inputs = this.defineInput(PlayerInput, {
    bufferMaxSize: INPUT_BUFFER_SIZE,
    // Clamp every field: NaN lands on min, ±Infinity on the bounds.
    sanitize: { moveX: [-1, 1], moveY: [-1, 1], aim: [0, 2 * Math.PI] },
  });

  private readonly rewind = this.allowRewindState({ maxRewindMs: MAX_REWIND_MS });
  private readonly seen = { x: 0, y: 0 };
  private game!: ArenaGame;
  private joined = 0;

  onCreate(rawOptions: unknown): void {
    const options = parseOrExplain(ArenaOptions, rawOptions, "room options");
    const lagCompensation = options.lagCompensation ?? true;
    this.rewind.attachAll(this.state.players, { fields: ["x", "y"], mode: "snapshot" });
    this.game = new ArenaGame({
      state: this.state,
      arena: ARENA,
      damage: options.damage ?? true,
      locateTarget: lagCompensation
        ? (shooterId, target) => this.rewind.lastSeenBy(shooterId).read(target, ["x", "y"], this.seen)
        : (_shooterId, target) => target,
      events: {
        onShot: (shot) => this.broadcast(ServerMessage.Shot, shot),
        onFrag: (frag) => this.broadcast(ServerMessage.Frag, frag),
      },
    });
    // Anything but inputs is a protocol violation in this room: say so and close.
    this.onMessage("*", (client: Client, type: string | number) => {
      log.warn("kick: unknown message type", { room: this.roomId, client: client.sessionId, type });
      client.leave(CloseCode.ProtocolViolation, `unknown message type "${String(type)}"`);
    });
    this.setFixedTimestep((ctx) => this.step(ctx), TICK_RATE);
    log.info("room created", { room: this.roomId, lagCompensation, damage: options.damage ?? true });
  }

  onAuth(_client: Client, rawOptions: unknown): boolean {
    try {
      parseOrExplain(ArenaOptions, rawOptions, "join options");
    } catch (error) {
      throw new ServerError(400, (error as Error).message);
    }
    return true;
  }

  onJoin(client: Client, rawOptions: unknown): void {
    const options = parseOrExplain(ArenaOptions, rawOptions, "join options");
    const name = options.name ?? `Player ${++this.joined}`;
    this.game.addPlayer(client.sessionId, name);
    log.info("player joined", { room: this.roomId, client: client.sessionId, name, players: this.clients.length });
  }

  onLeave(client: Client, code?: number): void {
    const player: Player | undefined = this.state.players.get(client.sessionId);
    this.game.removePlayer(client.sessionId);
    log.info("player left", { room: this.roomId, client: client.sessionId, name: player?.name, code, players: this.clients.length });
  }

  onDispose(): void {
    log.info("room disposed", { room: this.roomId });
  }

  private step(ctx: StepContext): void {
    for (const id of this.state.players.keys()) {
      // Each input is one step of that player; a few per tick absorb jitter bursts, and the cap
      // keeps a client that sends extra inputs from outrunning real time.
      let applied = 0;
      for (const input of this.inputs.get(id)) {
        this.game.applyInput(id, input, ctx.dt);
        if (++applied >= MAX_INPUTS_PER_TICK) break;
      }
    }
    this.game.endTick();
  }
}
