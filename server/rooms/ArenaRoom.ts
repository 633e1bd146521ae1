// Server: the `arena` room: a thin adapter between Colyseus and the game (rules, match, seats,
// chat). Its id is a human-friendly code.

import { Room, ServerError, type Client, type StepContext } from "@colyseus/core";
import { ARENA } from "../../shared/arena.js";
import {
  COUNTDOWN_SECONDS, EMPTY_PRIVATE_ROOM_SECONDS, EXTRAPOLATE_MAX_MS, FRAG_LIMIT, MATCH_SECONDS, MAX_INPUTS_PER_TICK,
  MAX_REWIND_MS, MAX_SPECTATORS, RESULTS_SECONDS,
} from "../../shared/constants.js";
import {
  ClientMessage, CloseCode, JoinError, ServerMessage, type ChatLine, type MatchPhase, type RoomListing,
} from "../../shared/protocol.js";
import { ArenaState, PlayerInput } from "../../shared/schema.js";
import { ArenaGame } from "../game/ArenaGame.js";
import { ChatGate } from "../game/ChatGate.js";
import { Match } from "../game/Match.js";
import { Seats } from "../game/Seats.js";
import { locateSeen } from "../game/seenTarget.js";
import { log } from "../hosting/log.js";
import { roomHosting } from "../hosting/roomSupervisor.js";
import { ArenaOptions, parseOrExplain } from "./joinOptions.js";
import { uniqueRoomCode } from "./roomCode.js";

export class ArenaRoom extends Room<{ state: ArenaState; input: PlayerInput; metadata: RoomListing }> {
  // Hosting: per-room limits from the configuration (defaults: shared/constants.ts).
  maxClients = roomHosting().settings.maxClientsPerRoom + MAX_SPECTATORS;
  patchRate = roomHosting().settings.patchMs;
  maxMessagesPerSecond = roomHosting().settings.maxMessagesPerSecond;
  state = new ArenaState();

  inputs = this.defineInput(PlayerInput, {
    bufferMaxSize: roomHosting().settings.inputBufferSize,
    // Clamp every field: NaN lands on min, ±Infinity on the bounds.
    sanitize: { moveX: [-1, 1], moveY: [-1, 1], aim: [0, 2 * Math.PI], lead: [0, EXTRAPOLATE_MAX_MS] },
  });

  private readonly rewind = this.allowRewindState({ maxRewindMs: MAX_REWIND_MS });
  private readonly seen = { x: 0, y: 0 };
  private readonly chat = new ChatGate();
  private game!: ArenaGame;
  private match!: Match;
  private seats!: Seats;
  private joined = 0;
  private listing = "";

  async onCreate(rawOptions: unknown): Promise<void> {
    roomHosting().admitRoom();
    const options = parseOrExplain(ArenaOptions, rawOptions, "room options");
    this.roomId = await uniqueRoomCode();
    const lagCompensation = options.lagCompensation ?? true;
    this.rewind.attachAll(this.state.players, { fields: ["x", "y", "vx", "vy"], mode: "snapshot" });
    this.game = new ArenaGame({
      state: this.state,
      arena: ARENA,
      damage: options.damage ?? true,
      tickRate: roomHosting().settings.tickRate,
      locateTarget: lagCompensation
        ? (shooterId, target, lead) => locateSeen(this.rewind, this.inputs.get(shooterId).renderTime, lead, target, this.seen)
        : (_shooterId, target) => target,
      events: {
        onShot: (shot) => this.broadcast(ServerMessage.Shot, shot),
        onFrag: (frag) => this.broadcast(ServerMessage.Frag, frag),
      },
    });
    this.seats = new Seats({
      state: this.state, game: this.game,
      maxPlayers: roomHosting().settings.maxClientsPerRoom, maxSpectators: MAX_SPECTATORS,
    });
    const fragLimit = options.fragLimit ?? FRAG_LIMIT;
    this.state.fragLimit = fragLimit;
    this.state.reconnectSeconds = roomHosting().settings.reconnectionSeconds;
    this.match = new Match(
      { tickRate: roomHosting().settings.tickRate, countdownSeconds: COUNTDOWN_SECONDS, matchSeconds: options.matchSeconds ?? MATCH_SECONDS, resultsSeconds: RESULTS_SECONDS, fragLimit },
      {
        onStart: (n) => this.startMatch(n),
        onEnd: (n, reason) => this.endMatch(n, reason),
        onPhase: (phase, ticksLeft) => this.enterPhase(phase, ticksLeft),
      },
    );
    if (options.private) {
      await this.setPrivate(true);
      this.autoDispose = false; // closed by closeIfStillEmpty() after a grace period instead
    }
    this.onMessage(ClientMessage.Chat, (client: Client, payload: unknown) => this.say(client, payload));
    this.onMessage(ClientMessage.TakeSeat, (client: Client) => this.takeSeat(client));
    this.onMessage("*", (client: Client, type: string | number) => {
      log.warn("kick: unknown message type", { room: this.roomId, client: client.sessionId, type });
      client.leave(CloseCode.ProtocolViolation, `unknown message type "${String(type)}"`);
    });
    this.setFixedTimestep(roomHosting().timedStep((ctx: StepContext) => this.step(ctx)), roomHosting().settings.tickRate);
    await this.publishListing();
    log.info("room created", { room: this.roomId, private: options.private ?? false, lagCompensation, damage: options.damage ?? true });
  }

  onAuth(_client: Client, rawOptions: unknown): boolean {
    let options: ArenaOptions;
    try {
      options = parseOrExplain(ArenaOptions, rawOptions, "join options");
    } catch (error) {
      throw new ServerError(JoinError.BadOptions, (error as Error).message);
    }
    this.refuseIfFull(options.spectate ?? false);
    return true;
  }

  onJoin(client: Client, rawOptions: unknown): void {
    const options = parseOrExplain(ArenaOptions, rawOptions, "join options");
    this.refuseIfFull(options.spectate ?? false); // two joins may have passed onAuth at once
    const name = options.name ?? `Player ${++this.joined}`;
    if (options.spectate) this.seats.seatSpectator(client.sessionId, name);
    else this.seats.seatPlayer(client.sessionId, name);
    this.system(options.spectate ? `${name} is watching` : `${name} joined`);
    void this.publishListing();
    log.info(options.spectate ? "spectator joined" : "player joined", { room: this.roomId, client: client.sessionId, name, players: this.seats.players });
  }

  onDrop(client: Client, code?: number): void {
    roomHosting().clientDropped(this, client, code);
    this.seats.setConnected(client.sessionId, false);
    this.system(`${this.seats.nameOf(client.sessionId)} lost connection`);
  }

  onReconnect(client: Client): void {
    roomHosting().clientReconnected(this, client);
    this.seats.setConnected(client.sessionId, true);
    this.system(`${this.seats.nameOf(client.sessionId)} is back`);
  }

  onLeave(client: Client, code?: number): void {
    const name = this.seats.nameOf(client.sessionId);
    this.seats.remove(client.sessionId);
    this.chat.forget(client.sessionId);
    this.system(`${name} left`);
    void this.publishListing();
    if (!this.autoDispose && this.clients.length === 0) {
      this.clock.setTimeout(() => this.closeIfStillEmpty(), EMPTY_PRIVATE_ROOM_SECONDS * 1000);
    }
    log.info("player left", { room: this.roomId, client: client.sessionId, name, code, players: this.seats.players });
  }

  onDispose(): void {
    log.info("room disposed", { room: this.roomId });
  }

  // Hosting hooks: drain, crash isolation, metrics (server/hosting/roomSupervisor.ts).
  onBeforeShutdown(): void {
    roomHosting().roomShuttingDown(this);
  }

  onUncaughtException(error: Error, method: string): void {
    roomHosting().roomFailed(this, error, method);
  }

  matchPhase(): string {
    return this.state.phase;
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
    this.match.tick(this.seats.connectedPlayers(), this.game.leader().frags);
  }

  private refuseIfFull(spectate: boolean): void {
    const refusal = this.seats.refusal(spectate);
    if (refusal === "players_full") {
      throw new ServerError(JoinError.PlayersFull, `room ${this.roomId} is full (${this.seats.players}/${this.seats.maxPlayers} players): join as a spectator to watch`);
    }
    if (refusal === "spectators_full") {
      throw new ServerError(JoinError.RoomFull, `room ${this.roomId} is full: ${this.seats.maxPlayers} players and ${this.seats.maxSpectators} spectators`);
    }
  }

  private say(client: Client, payload: unknown): void {
    const checked = this.chat.admit(client.sessionId, payload, this.clock.elapsedTime);
    if (!checked.ok) {
      client.send(ServerMessage.Notice, { text: checked.error });
      return;
    }
    const kind = this.seats.isSpectator(client.sessionId) ? "spectator" : "player";
    const line: ChatLine = { kind, from: client.sessionId, name: this.seats.nameOf(client.sessionId), text: checked.value };
    this.broadcast(ServerMessage.Chat, line);
  }

  private takeSeat(client: Client): void {
    if (!this.seats.isSpectator(client.sessionId)) return;
    if (!this.seats.promote(client.sessionId)) {
      client.send(ServerMessage.Notice, { text: `no free seat: all ${this.seats.maxPlayers} players are in` });
      return;
    }
    this.inputs.get(client.sessionId).clear(); // whatever it sent while watching is not a move
    this.system(`${this.seats.nameOf(client.sessionId)} joined the game`);
    void this.publishListing();
  }

  private startMatch(n: number): void {
    this.game.startMatch();
    this.state.match = n;
    this.state.winner = "";
    this.system(`Match ${n}: first to ${this.match.fragLimit} frags`);
  }

  private endMatch(n: number, reason: "time" | "frags"): void {
    const leader = this.game.leader();
    this.state.winner = leader.id;
    const who = leader.id ? `${this.seats.nameOf(leader.id)} wins with ${leader.frags} frags` : leader.frags > 0 ? `a draw at ${leader.frags} frags` : "no frags, a draw";
    this.system(`Match ${n} over (${reason === "frags" ? "frag limit" : "time"}): ${who}`);
  }

  private enterPhase(phase: MatchPhase, ticksLeft: number): void {
    this.state.phase = phase;
    const tickMs = 1000 / roomHosting().settings.tickRate;
    this.state.phaseEndsAt = ticksLeft > 0 ? Math.round(this.clock.elapsedTime + ticksLeft * tickMs) : 0;
    this.game.setScoring(this.match.scoring);
    void this.publishListing();
  }

  private system(text: string): void {
    const line: ChatLine = { kind: "system", from: "", name: "", text };
    this.broadcast(ServerMessage.Chat, line);
  }

  /** Keep the room list (and quick play's filter) current; only writes when something changed. */
  private async publishListing(): Promise<void> {
    const listing: RoomListing = {
      seats: this.seats.players < this.seats.maxPlayers ? "open" : "full",
      players: this.seats.players,
      maxPlayers: this.seats.maxPlayers,
      spectators: this.seats.spectators,
      phase: this.state.phase as MatchPhase,
    };
    const key = JSON.stringify(listing);
    if (key === this.listing) return;
    this.listing = key;
    await this.setMetadata(listing);
  }

  private closeIfStillEmpty(): void {
    if (this.clients.length === 0) void this.disconnect();
  }
}
