// Client (browser and bots): one player's (or spectator's) connection to an arena: input sending,
// own-player prediction and reconciliation, remote-player interpolation, chat, seats and
// reconnection. Renderer-free: no Phaser, no DOM.

import { Callbacks, type Client, type InputHandle, type Room } from "@colyseus/sdk";
import { Predict, type Reconciler } from "@colyseus/sdk/predict";
import type { Data } from "@colyseus/schema";
import { ARENA } from "../../shared/arena.js";
import {
  CORRECTION_SMOOTH_MS, CORRECTION_SNAP_PX, INTERP_DELAY_MS, MAX_REWIND_MS, PATCH_MS,
} from "../../shared/constants.js";
import {
  ClientMessage, ServerMessage, type ChatLine, type FragEvent, type NoticeEvent, type ShotEvent,
} from "../../shared/protocol.js";
import { ArenaState, type Player, type PlayerInput } from "../../shared/schema.js";
import { MOVER_FIELDS, stepPlayer, type MoverState } from "../../shared/sim/player.js";
import { traceShot, type ShotTarget } from "../../shared/sim/shot.js";
import { checkChat, type TextCheck } from "../../shared/text.js";
import { enterRoom, type JoinRequest } from "./join.js";
import { simulateLink, type LinkProfile, type LinkSimulator } from "./linkSim.js";
import { matchView, scoreboard, type MatchView, type ScoreRow } from "./matchView.js";
import { rewindBudgetMs } from "./adaptiveDelay.js";
import { PingMeter } from "./PingMeter.js";
import { RemoteTimeline } from "./RemoteTimeline.js";
import { PlayerViews, type Controls, type LocalShot, type PlayerView } from "./playerViews.js";
import { SeatLink, type ConnectionStatus, type SeatListeners } from "./SeatLink.js";

export type { JoinRequest } from "./join.js";
export type { ConnectionStatus } from "./SeatLink.js";
export type { Controls, LocalShot, PlayerView } from "./playerViews.js";

export interface SessionListeners extends SeatListeners {
  shot?(event: ShotEvent): void;
  frag?(event: FragEvent): void;
  localShot?(shot: LocalShot): void;
  /** A server update corrected the own prediction by `distance` px (0 = prediction matched). */
  correction?(distance: number): void;
  /** A room chat line (players, spectators, and the room's own join/leave/match lines). */
  chat?(line: ChatLine): void;
  /** A note from the server for this client only (chat refused, no free seat…). */
  notice?(text: string): void;
}

type MoverPlayer = Player & MoverState;

export class GameSession {
  readonly room: Room<ArenaState>;
  private readonly predict: Predict<ArenaState>;
  private readonly input: InputHandle<PlayerInput>;
  /** Event listeners; assign or wrap entries at any time. */
  readonly listeners: SessionListeners;
  /** The simulated link, when the session was joined through one. */
  link: LinkSimulator | undefined;
  private reconciler: Reconciler<MoverPlayer, Data<PlayerInput>> | undefined;
  private lastReconcileSeq = 0;
  private readonly views: PlayerViews;
  private readonly seat: SeatLink;
  /** Where the other players are drawn: adaptive delay, bounded extrapolation. */
  readonly remotes = new RemoteTimeline({ patchMs: PATCH_MS, maxDelayMs: MAX_REWIND_MS }, INTERP_DELAY_MS);
  /** The network round trip (WebSocket ping), apart from the input delay. */
  readonly ping: PingMeter;

  /** Enter an arena (quick play, create, by code, spectate: see JoinRequest). Throws the SDK's
   *  error on failure; `explainJoinError` (./join.ts) turns it into words. */
  static async join(client: Client, request: JoinRequest = {}, listeners: SessionListeners = {}): Promise<GameSession> {
    const room = await enterRoom(client, request);
    const session = new GameSession(room, listeners, { spectator: request.roomId !== undefined && request.spectate === true });
    if (request.link) session.link = simulateLink(room.connection, request.link, request.linkSeed);
    return session;
  }

  /** Take back a seat held for this client, with a `room.reconnectionToken` saved before (page
   *  reload). Throws when the seat is gone (window over, room closed). */
  static async rejoin(
    client: Client, reconnectionToken: string, listeners: SessionListeners = {}, link?: { profile: LinkProfile; seed?: number },
  ): Promise<GameSession> {
    const room = await client.reconnect<ArenaState>(reconnectionToken, ArenaState);
    // Whether this seat is a player's shows once the state arrives (listeners.role is quiet until then).
    const session = new GameSession(room, listeners, { spectator: undefined });
    if (link) session.link = simulateLink(room.connection, link.profile, link.seed);
    return session;
  }

  /** `spectator`: how this client joined; undefined when not known yet (a rejoined seat). */
  constructor(room: Room<ArenaState>, listeners: SessionListeners = {}, { spectator = false as boolean | undefined } = {}) {
    this.room = room;
    this.listeners = listeners;
    // After a reconnect the server's input counter restarts: predict afresh.
    this.seat = new SeatLink(room, listeners, spectator, () => this.resetPrediction());
    // Predict runs the fixed steps and the own player's reconciler; RemoteTimeline draws the rest.
    this.predict = Predict.get(room, { mode: "lerp", delay: INTERP_DELAY_MS, name: "skirmish" });
    this.views = new PlayerViews(() => room.sessionId, (player, field, id) => this.drawnField(player, field, id));
    this.input = room.input<PlayerInput>({
      mode: "reliable",
      // Only shots are lag-compensated; movement frames skip the timestamp.
      allowRewind: (data) => data.fire,
    });
    this.ping = new PingMeter(room);
    room.onStateChange(() => this.onPatch());

    Callbacks.get(room).onAdd("players", (player, id) => {
      if (id !== room.sessionId) return;
      this.startPredicting(player as MoverPlayer);
      this.seat.setPlayer(true);
    });
    Callbacks.get(room).onRemove("players", (_player, id) => {
      this.views.forget(id);
      this.remotes.forget(id);
      if (id === room.sessionId) this.seat.setPlayer(false);
    });
    room.onMessage(ServerMessage.Shot, (event: ShotEvent) => this.listeners.shot?.(event));
    room.onMessage(ServerMessage.Frag, (event: FragEvent) => this.listeners.frag?.(event));
    room.onMessage(ServerMessage.Chat, (line: ChatLine) => this.listeners.chat?.(line));
    room.onMessage(ServerMessage.Notice, (event: NoticeEvent) => this.listeners.notice?.(event.text));
  }

  get sessionId(): string {
    return this.room.sessionId;
  }

  /** Whether this client watches (no player seat). Spectators send no inputs. */
  get isSpectator(): boolean {
    return this.seat.isSpectator;
  }

  get connection(): ConnectionStatus {
    return this.seat.status;
  }

  /** The room code (the room id). */
  get code(): string {
    return this.room.roomId;
  }

  /** Save this to rejoin the seat after a page reload (GameSession.rejoin); changes on reconnect. */
  get reconnectionToken(): string {
    return this.room.reconnectionToken;
  }

  /** The match now: phase, time left, frag limit, seats. */
  match(): MatchView {
    return matchView(this.room.state, this.room.clock.serverNow());
  }

  /** Every player, best first. */
  scoreboard(): ScoreRow[] {
    return scoreboard(this.room.state, this.room.sessionId);
  }

  /** Say `text` in the room chat. Returns the check: when it fails nothing is sent and `error`
   *  says what is allowed. The server checks again and may answer with a notice (flood). */
  say(text: string): TextCheck {
    const check = checkChat(text);
    if (!check.ok) return check;
    if (this.connection !== "connected") return { ok: false, error: "not connected: wait for the connection to come back" };
    this.room.send(ClientMessage.Chat, { text: check.value });
    return check;
  }

  /** As a spectator, ask for a free player seat. Success shows as the own player being added
   *  (listeners.role(false)); otherwise the server sends a notice. */
  takeSeat(): void {
    if (this.isSpectator && this.connection === "connected") this.room.send(ClientMessage.TakeSeat);
  }

  /** Whether this player may add and remove the room's bots (the room's creator). */
  get ownsRoom(): boolean {
    return this.room.state.owner === this.room.sessionId;
  }

  /** The room's bots' difficulty ("easy" | "normal" | "hard"). */
  get botDifficulty(): string {
    return this.room.state.botDifficulty ?? "normal";
  }

  /** As the room's owner, add a bot, remove one, or set their difficulty. A refusal (not the
   *  owner, full room, no bot to remove) arrives as a notice. */
  changeBots(change: "add" | "remove" | { difficulty: string }): void {
    if (this.connection !== "connected") return;
    if (change === "add") this.room.send(ClientMessage.AddBot);
    else if (change === "remove") this.room.send(ClientMessage.RemoveBot);
    else this.room.send(ClientMessage.BotDifficulty, { difficulty: change.difficulty });
  }

  /** Network round trip to the server (WebSocket ping), ms (0 until measured). */
  get rttMs(): number {
    return this.ping.lastMs;
  }

  /** Interpolation delay in use, ms: how far in the past the other players are drawn. */
  get interpDelayMs(): number {
    return this.remotes.delay.delayMs;
  }

  /** Inputs sent so far (the input sequence number of the latest). */
  get inputsSent(): number {
    return this.input.sentCount;
  }

  /** Inputs the server has applied so far (its acknowledgement). */
  get inputsAcked(): number {
    return this.input.lastProcessed;
  }

  /** Inputs sent but not yet acknowledged by the server. */
  get pendingInputs(): number {
    return this.reconciler?.pendingCount ?? 0;
  }

  /**
   * Drive one render frame at `now` (ms, the frame's timestamp): send one input per fixed step
   * that is due (with `controls`), reconcile with the latest server state, advance the
   * interpolation. Returns how many inputs were sent. Read views after calling this.
   * `controls: null` sends nothing this frame (the player is paused; the server holds it still).
   */
  frame(now: number, controls: Controls | null): number {
    const due = this.predict.tick(now);
    this.ping.frame(now);
    const patchMs = this.room.clock?.patchInterval?.() || PATCH_MS;
    this.remotes.delay.setLimits({ patchMs, maxDelayMs: rewindBudgetMs(MAX_REWIND_MS, this.ping.typicalMs, this.remotes.delay.maxLatenessMs, patchMs) });
    // Inputs first: the controls were chosen looking at the frame on screen, so a shot carries
    // that frame's render time and lead. Then the remote players move on for this frame.
    const sent = this.sendInputs(due, controls);
    this.remotes.advance(now);
    return sent;
  }

  private sendInputs(due: number, controls: Controls | null): number {
    // Spectators have no player to move; a dropped connection would only queue stale inputs.
    if (controls === null || this.isSpectator || this.connection !== "connected") return 0;
    for (let i = 0; i < due; i++) {
      const data = this.input.data;
      data.moveX = controls.moveX;
      data.moveY = controls.moveY;
      data.aim = controls.aim;
      data.fire = controls.fire;
      // A shot describes the picture it was aimed at (its render time is stamped too): how far
      // past the newest update it ran and the corrections still gliding out on it. The server
      // reads the stamp only on a step that fires; other frames leave it as it was (no bytes).
      if (controls.fire) this.remotes.stampShot(data);
      this.input.send();
    }
    const me = this.reconciler;
    if (me && me.reconcileSeq !== this.lastReconcileSeq) {
      this.lastReconcileSeq = me.reconcileSeq;
      this.listeners.correction?.(me.lastCorrectionMag);
    }
    return due;
  }

  /** Every player as it should be drawn now: own player predicted, others interpolated. */
  players(): PlayerView[] {
    const out: PlayerView[] = [];
    for (const [id, player] of this.room.state.players) out.push(this.views.of(id, player));
    return out;
  }

  /** The own player as drawn now, or undefined before the server added it. */
  self(): PlayerView | undefined {
    const player = this.room.state.players.get(this.room.sessionId);
    return player ? this.views.of(this.room.sessionId, player) : undefined;
  }

  /** The own player's predicted simulation state (not smoothed for drawing), or undefined
   *  before the server added it. A copy. */
  predictedState(): MoverState | undefined {
    const state = this.reconciler?.state;
    return state ? { x: state.x, y: state.y, vx: state.vx, vy: state.vy, cooldown: state.cooldown, alive: state.alive } : undefined;
  }

  /** Forget predictions (after a reconnect the server's input counter restarts). */
  resetPrediction(): void {
    this.reconciler?.reset();
  }

  /** Leave the room (consented): the seat is given up at once. Resolves at once when the
   *  connection is already closed; stops any reconnection attempt. */
  async leave(): Promise<void> {
    if (this.connection !== "closed") this.predict.dispose();
    await this.seat.leave();
  }

  private startPredicting(self: MoverPlayer): void {
    this.reconciler?.dispose();
    this.reconciler = this.predict.reconciler(self, {
      input: this.input,
      fields: MOVER_FIELDS,
      smoothMs: CORRECTION_SMOOTH_MS,
      snap: CORRECTION_SNAP_PX,
      step: (ctx, state, command) => {
        const fired = stepPlayer(state, command, ctx.dt, ARENA);
        if (fired && !ctx.isReplay) this.traceLocalShot(state, command.aim);
      },
    });
    this.stampRenderTime();
  }

  /** Make every shot's render-time stamp the instant the remotes were drawn at this frame. The
   *  SDK stamps `serverNow − (renderDelay + smoothedRtt / 2)`; the reconciler binds renderDelay to
   *  Predict's fixed delay, so bind it again, after it, to the timeline's render time. */
  private stampRenderTime(): void {
    const handle = this.input as unknown as { bindRenderDelay?: (provider: () => number) => void };
    if (typeof handle.bindRenderDelay !== "function") {
      throw new Error("@colyseus/sdk input handle has no bindRenderDelay: shots could not carry the drawn render time");
    }
    const clock = this.room.clock;
    handle.bindRenderDelay(() => {
      const r = this.remotes.renderTime;
      return Number.isFinite(r) ? clock.serverNow() - r - clock.smoothedRtt() / 2 : INTERP_DELAY_MS;
    });
  }

  private onPatch(): void {
    this.remotes.onPatch(this.room.clock.lastServerTime(), performance.now(), this.room.state.players);
  }

  private drawnField(player: Player, field: "x" | "y" | "aim", id: string): number {
    if (id === this.room.sessionId) return this.predict.value(player, field);
    const drawn = this.remotes.drawn(id);
    return drawn ? drawn[field] : player[field];
  }

  /** Trace a shot the moment this client fires it, against what this client shows: walls and
   *  the other players where they are drawn (which is where the server rewinds them to). */
  private traceLocalShot(from: MoverState, aim: number): void {
    if (!this.listeners.localShot) return;
    const targets: ShotTarget[] = [];
    for (const [id, player] of this.room.state.players) {
      if (id === this.room.sessionId || !player.alive) continue;
      const drawn = this.remotes.drawn(id);
      targets.push({ id, x: drawn?.x ?? player.x, y: drawn?.y ?? player.y });
    }
    const shot = traceShot(from.x, from.y, aim, ARENA, targets);
    this.listeners.localShot({ ox: from.x, oy: from.y, ex: shot.endX, ey: shot.endY, hitId: shot.hitId });
  }
}
