// Server: the `arena` room: a thin adapter between Colyseus and the game (rules, match, seats,
// chat). Its id is a human-friendly code. Settings come once, from the room's definition
// (arenaRoomDefinition in server/app.ts passes the process's RoomSupervisor as `hosting`).

import { Room, ServerError, TimestepException, type Client } from "@colyseus/core";
import { ARENA } from "../../shared/arena.js";
import {
  COUNTDOWN_SECONDS, EMPTY_PRIVATE_ROOM_SECONDS, FRAG_LIMIT, MATCH_SECONDS, MAX_REWIND_MS,
  MAX_SPECTATORS, RESULTS_SECONDS, SEAT_RESERVATION_SECONDS, type TickTimings,
} from "../../shared/constants.js";
import {
  ClientMessage, CloseCode, CloseReason, JoinError, ServerMessage, type ChatLine, type MatchPhase, type RoomListing,
} from "../../shared/protocol.js";
import { ArenaState, Player, PlayerInput } from "../../shared/schema.js";
import { ArenaGame, type InputQueue } from "../../shared/game/ArenaGame.js";
import { DEFAULT_BOT_DIFFICULTY, type BotDifficulty } from "../../shared/bots/BotBrain.js";
import { ChatGate } from "../game/ChatGate.js";
import { Match } from "../game/Match.js";
import { RoomBots } from "../game/RoomBots.js";
import { Seats, type PendingSeats } from "../game/Seats.js";
import { REWIND_HISTORY_MS, locateSeen } from "./seenTarget.js";
import { PositionHistory } from "./positionHistory.js";
import { guardFrames, guardRoomFrames, kick } from "../hosting/clientErrors.js";
import { frameRules } from "../hosting/frameCheck.js";
import { log } from "../hosting/log.js";
import { RoomSupervisor } from "../hosting/roomSupervisor.js";
import { MatchRecorder } from "../records/MatchRecorder.js";
import type { MatchRecords } from "../records/MatchRecords.js";
import { ArenaOptions, parseOrExplain, refuseOtherBuild } from "./joinOptions.js";
import { applyBotRequest, BOT_REQUESTS } from "./botRequests.js";
import { installFlatInputDecoder } from "./flatInputDecoder.js";
import { noteArrivingMessages } from "./restingRoom.js";
import { hasPendingChanges } from "./pendingChanges.js";
import { uniqueRoomCode } from "./roomCode.js";
import { ListingPublisher } from "./roomListing.js";
import { asksToSpectate, decideSeatsAtReservation, pendingReservations, type SeatPolicy } from "./seatReservations.js";

/** Steps one timer call may run to catch up after a stall (Colyseus' setFixedTimestep caps at 5 too). */
const MAX_CATCHUP_STEPS = 5;
/** After a reservation's timeout, wait this much longer before re-listing its seat as free, ms. */
const RESERVATION_EXPIRY_SLACK_MS = 100;
/** What a client of this room may send (server/hosting/frameCheck.ts). */
const arenaFrames = frameRules(Object.values(ClientMessage), PlayerInput);

/** What the room's definition adds to every onCreate's options (a client cannot override it). */
export interface ArenaRoomDefinition {
  hosting: RoomSupervisor;
  /** Where finished matches are saved; undefined: not recorded (npm run dev, most tests). */
  records?: MatchRecords;
}

export class ArenaRoom extends Room<{ state: ArenaState; input: PlayerInput; metadata: RoomListing }> implements SeatPolicy {
  state = new ArenaState();
  /** Assigned in onCreate (defineInput). */
  declare inputs: ReturnType<ArenaRoom["defineInput"]>;

  private hosting!: RoomSupervisor;
  private timings!: TickTimings;
  /** Where every player was at each patch (lag compensation reads it). */
  private history!: PositionHistory;
  private readonly seen = { x: 0, y: 0 };
  /** The last tick sent a patch (something changed, or inputs were acknowledged). */
  private sentLastTick = true;
  /** A client's frame arrived since the last tick that was not a rest. */
  private heard = true;
  /** Ticks passed at rest (a count for tests and the curious). */
  private restedTicks = 0;
  /** What the match clock was last told (unchanged while the room rests). */
  private connectedPlayers = 0;
  private topFrags = 0;
  private readonly chat = new ChatGate();
  private readonly listing = new ListingPublisher((listing) => this.setMetadata(listing));
  private game!: ArenaGame<Player>;
  private match!: Match;
  private seats!: Seats;
  private recorder!: MatchRecorder;
  private bots!: RoomBots;
  private joined = 0;
  /** One fixed step, timed for the metrics; runs from broadcastPatch once onCreate is done. */
  private step: (() => void) | undefined;
  /** The room clock's time when the steps last caught up, and the time not stepped yet, ms. */
  private clockAt = 0;
  private lag = 0;
  /**
   * Chat lines (players' and the room's notices) wait for the next tick and leave with its patch,
   * in the same socket write (at most a tick later): a join's "joined" notice and the patch that
   * adds the player cost each member one write instead of two.
   */
  private readonly chatLines: ChatLine[] = [];
  /** The game reads each player's waiting inputs through this (bound once, not per tick). */
  private readonly inputQueue = (id: string): InputQueue | undefined => this.bots.queueOf(id) ?? this.inputs.get(id);

  async onCreate(rawOptions: ArenaRoomDefinition): Promise<void> {
    const { hosting, records, ...clientOptions } = rawOptions;
    if (!(hosting instanceof RoomSupervisor)) throw new Error("ArenaRoom must be defined with { hosting } (server/app.ts)");
    this.hosting = hosting;
    refuseOtherBuild(clientOptions);
    hosting.admitRoom();
    const { timings, maxClientsPerRoom, reconnectionSeconds } = hosting.settings;
    this.timings = timings;
    const options = parseOrExplain(ArenaOptions, clientOptions, "room options");
    this.roomId = await uniqueRoomCode();

    this.maxClients = maxClientsPerRoom + MAX_SPECTATORS;
    this.seatReservationTimeout = SEAT_RESERVATION_SECONDS;
    // Advertised to clients (their interpolation and clock expect one patch per tick); the tick
    // sends each patch itself, right after its step (broadcastPatch below).
    this.patchRate = timings.patchMs;
    this.clockAt = this.clock.elapsedTime;
    guardFrames(this, { rules: arenaFrames, messagesPerSecond: timings.maxMessagesPerSecond, burstMessages: timings.burstMessages });
    this.inputs = this.defineInput(PlayerInput, {
      bufferMaxSize: timings.inputBufferSize,
      // Advertised to predicting clients (setFixedTimestep would tell them; the room steps itself).
      tickRate: timings.tickRate,
      // Clamp every field: NaN lands on min, ±Infinity on the bounds.
      sanitize: { moveX: [-1, 1], moveY: [-1, 1], aim: [0, 2 * Math.PI], lead: [0, MAX_REWIND_MS] },
    });
    // Clients stamp their inputs with their render time when the room declares a "snapshot"
    // rewind timeline (Colyseus derives the stamp from its Rewind's groups). The positions
    // themselves are kept by the room's own history (positionHistory.ts): one attached marker with
    // no fields declares the timeline and records only its instants.
    this.allowRewindState({ maxRewindMs: REWIND_HISTORY_MS }).attach({}, { fields: [], mode: "snapshot" });
    this.history = new PositionHistory(REWIND_HISTORY_MS, timings.patchMs);
    const lagCompensation = options.lagCompensation ?? true;
    this.recorder = new MatchRecorder({
      room: this.roomId,
      rules: {
        matchSeconds: options.matchSeconds ?? MATCH_SECONDS, fragLimit: options.fragLimit ?? FRAG_LIMIT,
        tickRate: timings.tickRate, damage: options.damage ?? true,
      },
      save: records && ((match) => records.save(match)),
    });

    this.game = new ArenaGame<Player>({
      players: this.state.players,
      newPlayer: () => new Player(),
      arena: ARENA,
      damage: options.damage ?? true,
      tickRate: timings.tickRate,
      inputBudget: timings,
      // A bot aims at the live state (it has no picture of the past to be rewound to).
      locateTarget: this.recorder.observe(lagCompensation
        ? (shooterId, target, stamp) => this.bots.drives(shooterId) ? target : locateSeen(this.history, this.inputs.get(shooterId).renderTime, stamp, target, this.seen)
        : (_shooterId, target) => target),
      events: {
        onShot: (shot) => {
          this.recorder.shot(shot);
          this.broadcast(ServerMessage.Shot, shot);
        },
        onFrag: (frag) => this.broadcast(ServerMessage.Frag, frag),
        onInput: (id, input) => this.recorder.input(id, input),
      },
    });
    this.seats = new Seats({ state: this.state, game: this.game, maxPlayers: maxClientsPerRoom, maxSpectators: MAX_SPECTATORS });
    this.bots = this.createBots(options);
    const fragLimit = options.fragLimit ?? FRAG_LIMIT;
    this.state.fragLimit = fragLimit;
    this.state.reconnectSeconds = reconnectionSeconds;
    this.match = new Match(
      { tickRate: timings.tickRate, countdownSeconds: COUNTDOWN_SECONDS, matchSeconds: options.matchSeconds ?? MATCH_SECONDS, resultsSeconds: RESULTS_SECONDS, fragLimit },
      {
        onStart: (n) => this.startMatch(n),
        onEnd: (n, reason) => this.endMatch(n, reason),
        onPhase: (phase, ticksLeft) => this.enterPhase(phase, ticksLeft),
      },
    );
    if (options.private) {
      await this.setPrivate(true);
      this.autoDispose = false; // closed by closeIfStillEmpty() after a grace period instead
      // Created and never entered (its creator's reservation lapsed): closed as a public room is.
      this.clock.setTimeout(() => this.closeIfStillEmpty(), SEAT_RESERVATION_SECONDS * 1000 + RESERVATION_EXPIRY_SLACK_MS);
    }
    this.onMessage(ClientMessage.Chat, (client: Client, payload: unknown) => this.say(client, payload));
    this.onMessage(ClientMessage.TakeSeat, (client: Client) => this.takeSeat(client));
    for (const kind of BOT_REQUESTS) this.onMessage(kind, (client: Client, payload: unknown) => this.changeBots(client, kind, payload));
    this.onMessage("*", (client: Client, type: string | number) => {
      log.warn("kick: unknown message type", { room: this.roomId, client: client.sessionId, type });
      client.leave(CloseCode.ProtocolViolation, `unknown message type "${String(type)}"`);
    });
    this.step = hosting.timedStep(() => this.tick());
    await this.publishListing();
    log.info("room created", { room: this.roomId, private: options.private ?? false, lagCompensation, damage: options.damage ?? true });
  }

  /** The join options, checked: Colyseus hands what this returns to onJoin (as `auth`). */
  onAuth(_client: Client, rawOptions: unknown): ArenaOptions {
    refuseOtherBuild(rawOptions);
    let options: ArenaOptions;
    try {
      options = parseOrExplain(ArenaOptions, rawOptions, "join options");
    } catch (error) {
      throw new ServerError(JoinError.BadOptions, (error as Error).message);
    }
    this.refuseIfFull(options.spectate ?? false);
    return options;
  }

  onJoin(client: Client, rawOptions: unknown, admitted?: ArenaOptions): void {
    installFlatInputDecoder(client, PlayerInput);
    const options = admitted ?? parseOrExplain(ArenaOptions, rawOptions, "join options");
    this.refuseIfFull(options.spectate ?? false); // two joins may have passed onAuth at once
    const name = options.name ?? `Player ${++this.joined}`;
    if (options.spectate) this.seats.seatSpectator(client.sessionId, name);
    else {
      this.bots.rebalance(1); // a bot gives its seat to the arriving person
      this.seats.seatPlayer(client.sessionId, name);
      // The room's first person (its creator) owns its bots.
      if (this.state.owner === "" && this.clients.length === 1 && this.seats.people === 1) this.state.owner = client.sessionId;
    }
    this.recorder.joined(client.sessionId, this.state.players.get(client.sessionId), options);
    this.showShields(); // in the full state the joining client gets now, not a tick later
    this.system(options.spectate ? `${name} is watching` : `${name} joined`);
    void this.publishListing();
    log.info(options.spectate ? "spectator joined" : "player joined", { room: this.roomId, client: client.sessionId, name, players: this.seats.players });
  }

  onDrop(client: Client, code?: number): void {
    const held = this.hosting.clientDropped(this, client, code);
    this.seats.setConnected(client.sessionId, false);
    if (held && this.hosting.settings.botTakeover) this.bots.standIn(client.sessionId);
    this.system(`${this.seats.nameOf(client.sessionId)} lost connection`);
  }

  onReconnect(client: Client): void {
    installFlatInputDecoder(client, PlayerInput);
    this.hosting.clientReconnected(this, client);
    this.bots.release(client.sessionId);
    this.seats.setConnected(client.sessionId, true);
    this.system(`${this.seats.nameOf(client.sessionId)} is back`);
  }

  onLeave(client: Client, code?: number): void {
    const name = this.seats.nameOf(client.sessionId);
    this.recorder.left(client.sessionId, this.state.players.get(client.sessionId));
    this.bots.release(client.sessionId);
    this.seats.remove(client.sessionId);
    if (this.state.owner === client.sessionId) this.state.owner = this.seats.firstPerson() ?? "";
    this.bots.rebalance();
    this.chat.forget(client.sessionId);
    this.system(`${name} left`);
    void this.publishListing();
    if (!this.autoDispose && this.clients.length === 0) {
      this.clock.setTimeout(() => this.closeIfStillEmpty(), EMPTY_PRIVATE_ROOM_SECONDS * 1000);
    }
    log.info("player left", { room: this.roomId, client: client.sessionId, name, code, players: this.seats.players });
  }

  onDispose(): void {
    // Undefined when onCreate refused the room (another build, server full).
    (this.recorder as MatchRecorder | undefined)?.interrupted(this.state);
    log.info("room disposed", { room: this.roomId });
  }

  // Hosting hooks: drain, crash isolation, metrics (server/hosting/roomSupervisor.ts).
  onBeforeShutdown(): void {
    this.hosting.roomShuttingDown(this);
  }

  onUncaughtException(error: Error, method: string): void {
    this.hosting.roomFailed(this, error, method);
  }

  // Seats are decided when matchmaking reserves them (server/rooms/seatReservations.ts).
  admitsReservation(joinOptions: unknown): boolean {
    return this.seats !== undefined && this.seats.refusal(asksToSpectate(joinOptions), this.pendingSeats()) === undefined;
  }

  async seatReserved(seconds: number): Promise<void> {
    await this.publishListing();
    // An unused reservation expires: the seat is free again.
    this.clock.setTimeout(() => void this.publishListing(), seconds * 1000 + RESERVATION_EXPIRY_SLACK_MS);
  }

  matchPhase(): string {
    return this.state.phase;
  }

  /**
   * Colyseus' patch timer calls this every patchRate ms (the tick interval): it is the room's only
   * timer. It runs the fixed steps that are due, as setFixedTimestep would (the room clock's time
   * accumulated, at most MAX_CATCHUP_STEPS per call), and each step sends its own patch right after
   * it (tick): the tick's events and its patch leave in one socket write, and a patch never waits
   * up to a tick for an unaligned timer. A second timer per room for setFixedTimestep would double
   * an idle room's timer callbacks (docs/server-cost.md).
   */
  override broadcastPatch(): boolean {
    const step = this.step;
    if (step === undefined) return false;
    this.clock.tick();
    const now = this.clock.elapsedTime;
    // From the clock's time, not its deltaTime: the patches sent below tick the clock too.
    this.lag += now - this.clockAt;
    this.clockAt = now;
    const stepMs = this.timings.stepMs;
    let ran = 0;
    try {
      while (this.lag >= stepMs && ran < MAX_CATCHUP_STEPS) {
        this.lag -= stepMs;
        ran++;
        step();
      }
    } catch (error) {
      const cause = error instanceof Error ? error : new Error(String(error));
      this.onUncaughtException(new TimestepException(cause, cause.message), "setFixedTimestep");
    }
    if (ran === MAX_CATCHUP_STEPS) this.lag = 0;
    return false;
  }

  private tick(): void {
    if (!this.bots.driving && this.canRest()) return this.rest();
    this.heard = false;
    this.sendChat();
    this.bots.think();
    // Spawn protection counts down in a field the wire does not carry (`shield`).
    const counting = this.game.protecting();
    const report = this.game.tick(this.inputQueue, this.timings.stepSeconds);
    if (report.dropped > 0) this.hosting.inputsDropped(report.dropped);
    for (const id of report.overrun) this.kickOverrun(id);
    const acted = report.applied > 0 || hasPendingChanges(this.state);
    // A quiet tick after a quiet tick changed no player field: the recorder reuses its digest.
    this.recorder.tick(this.state, !acted && !counting && !this.sentLastTick);
    this.connectedPlayers = this.seats.connectedPlayers();
    this.topFrags = this.game.topFrags();
    this.match.tick(this.connectedPlayers, this.topFrags);
    if (counting || this.game.protecting()) this.showShields();
    // Nothing changed and no input to acknowledge: nothing to send (idle rooms cost nothing on
    // the wire; liveness comes from WebSocket pings). The rewind history gets a sample with each
    // patch only: the samples clients interpolate between, so a shot is judged against what they drew.
    this.sentLastTick = acted || hasPendingChanges(this.state);
    if (this.sentLastTick) {
      super.broadcastPatch();
      // The instant the patch carries (Colyseus ticks the room clock, then stamps the patch).
      this.history.record(this.clock.elapsedTime, this.state.players);
    }
  }

  /** Clients see spawn protection as `shielded`, set here from the rules' countdown (`shield`):
   *  a spawn costs the room two changes (on, off) instead of one patch a tick for a second. */
  private showShields(): void {
    for (const player of this.state.players.values()) {
      const on = player.shield > 0;
      if (player.shielded !== on) player.shielded = on;
    }
  }

  /** Nothing can change this tick (server/rooms/restingRoom.ts). */
  private canRest(): boolean {
    return !this.sentLastTick && !this.heard && this.chatLines.length === 0 && this.game.atRest() && !hasPendingChanges(this.state) &&
      !this.match.changesNextTick(this.connectedPlayers, this.topFrags);
  }

  /** A tick passed at rest: counted by the rules (spawn protection counts down), the recorder
   *  and the match clock, nothing else. */
  private rest(): void {
    const counting = this.game.protecting();
    this.game.rest();
    this.recorder.tick(this.state, !counting);
    this.match.tick(this.connectedPlayers, this.topFrags);
    this.restedTicks++;
  }

  messageArrived(): void {
    this.heard = true;
  }

  private kickOverrun(id: string): void {
    const client = this.clients.get(id);
    if (!client) return;
    kick(this, client, CloseCode.InputOverrun, CloseReason.InputOverrun);
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
    this.chatLines.push({ kind, from: client.sessionId, name: this.seats.nameOf(client.sessionId), text: checked.value });
  }

  private takeSeat(client: Client): void {
    if (!this.seats.isSpectator(client.sessionId)) return;
    if (this.seats.refusal(false) === undefined) this.bots.rebalance(1);
    if (!this.seats.promote(client.sessionId)) {
      client.send(ServerMessage.Notice, { text: `no free seat: all ${this.seats.maxPlayers} players are in` });
      return;
    }
    this.inputs.get(client.sessionId).clear(); // whatever it sent while watching is not a move
    this.recorder.joined(client.sessionId, this.state.players.get(client.sessionId));
    this.system(`${this.seats.nameOf(client.sessionId)} joined the game`);
    void this.publishListing();
  }

  private startMatch(n: number): void {
    this.game.startMatch();
    this.recorder.started(this.state, this.game.spawnRotation);
    this.state.match = n;
    this.state.winner = "";
    this.system(`Match ${n}: first to ${this.match.fragLimit} frags`);
  }

  private endMatch(n: number, reason: "time" | "frags"): void {
    const leader = this.game.leader();
    this.state.winner = leader.id;
    this.recorder.ended(reason, this.state, leader.id);
    const who = leader.id ? `${this.seats.nameOf(leader.id)} wins with ${leader.frags} frags` : leader.frags > 0 ? `a draw at ${leader.frags} frags` : "no frags, a draw";
    this.system(`Match ${n} over (${reason === "frags" ? "frag limit" : "time"}): ${who}`);
  }

  private enterPhase(phase: MatchPhase, ticksLeft: number): void {
    this.state.phase = phase;
    this.state.phaseEndsAt = ticksLeft > 0 ? Math.round(this.clock.elapsedTime + ticksLeft * this.timings.stepMs) : 0;
    this.game.setScoring(this.match.scoring);
    void this.publishListing();
  }

  private system(text: string): void {
    this.chatLines.push({ kind: "system", from: "", name: "", text });
  }

  /** Send the chat lines said since the last tick (in the order they were said). */
  private sendChat(): void {
    const lines = this.chatLines;
    for (let i = 0; i < lines.length; i++) this.broadcast(ServerMessage.Chat, lines[i]);
    lines.length = 0;
  }

  /** Keep the room list (and quick play's filter) current. */
  private publishListing(): Promise<void> {
    return this.listing.publish({
      players: this.seats.players, bots: this.seats.bots, pendingPlayers: this.pendingSeats().players,
      maxPlayers: this.seats.maxPlayers, spectators: this.seats.spectators, phase: this.state.phase as MatchPhase,
    });
  }

  private pendingSeats(): PendingSeats {
    const pending = { players: 0, spectators: 0 };
    for (const reservation of pendingReservations(this)) {
      if (this.seats.isSeated(reservation.sessionId)) continue;
      if (asksToSpectate(reservation.joinOptions)) pending.spectators++;
      else pending.players++;
    }
    return pending;
  }

  private createBots(options: ArenaOptions): RoomBots {
    const difficulty = (options.botDifficulty ?? DEFAULT_BOT_DIFFICULTY) as BotDifficulty;
    this.state.botDifficulty = difficulty;
    return new RoomBots({
      seats: this.seats, players: this.state.players, arena: ARENA, stepMs: this.timings.stepMs,
      // Quick play tops up public rooms only: a private room has the bots its owner asks for.
      fillTo: options.private ? 0 : this.hosting.settings.quickPlayMinPlayers,
      requested: options.bots, difficulty, seed: seedOf(this.roomId),
      events: {
        botJoined: (id, player) => {
          this.recorder.joined(id, player, { bot: true });
          this.system(`${player.name} (bot) joined`);
        },
        botLeaving: (id, player) => {
          this.recorder.left(id, player);
          this.system(`${player.name} (bot) left`);
        },
      },
    });
  }

  private changeBots(client: Client, kind: (typeof BOT_REQUESTS)[number], payload: unknown): void {
    const outcome = applyBotRequest(this.bots, this.state.owner, client.sessionId, kind, payload);
    if ("refused" in outcome) {
      client.send(ServerMessage.Notice, { text: outcome.refused });
      return;
    }
    this.state.botDifficulty = this.bots.difficulty;
    if (outcome.done) this.system(outcome.done);
    void this.publishListing();
  }

  private closeIfStillEmpty(): void {
    if (this.clients.length > 0) return;
    // Someone holds a reservation (the creator, a friend with the code): look again once it lapsed.
    if (pendingReservations(this).length > 0) this.clock.setTimeout(() => this.closeIfStillEmpty(), SEAT_RESERVATION_SECONDS * 1000 + RESERVATION_EXPIRY_SLACK_MS);
    else void this.disconnect();
  }
}

decideSeatsAtReservation(ArenaRoom);
// Frames are checked first (a bad frame never reaches the room), then noted as arrived.
noteArrivingMessages(ArenaRoom);
guardRoomFrames(ArenaRoom);

/** A seed for the room's bots from its code (bots of different rooms decide differently). */
function seedOf(code: string): number {
  let h = 2166136261;
  for (let i = 0; i < code.length; i++) h = Math.imul(h ^ code.charCodeAt(i), 16777619);
  return h >>> 0;
}
