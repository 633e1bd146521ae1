// Client (browser and bots): one player's connection to an arena: input sending, own-player
// prediction and reconciliation, remote-player interpolation. Renderer-free: no Phaser here.

import { Callbacks, type Client, type InputHandle, type Room } from "@colyseus/sdk";
import { Predict, type Reconciler } from "@colyseus/sdk/predict";
import type { Data } from "@colyseus/schema";
import { ARENA } from "../../shared/arena.js";
import {
  CORRECTION_SMOOTH_MS, CORRECTION_SNAP_PX, INTERP_DELAY_MS, REMOTE_SNAP_PX,
} from "../../shared/constants.js";
import { ROOM_NAME, ServerMessage, type FragEvent, type ShotEvent } from "../../shared/protocol.js";
import { ArenaState, type Player, type PlayerInput } from "../../shared/schema.js";
import { MOVER_FIELDS, stepPlayer, type MoverState } from "../../shared/sim/player.js";
import { traceShot, type ShotTarget } from "../../shared/sim/shot.js";
import { simulateLink, type LinkProfile, type LinkSimulator } from "./linkSim.js";

/** What the player wants this step. Axes in [-1, 1], aim in radians. */
export interface Controls {
  moveX: number;
  moveY: number;
  aim: number;
  fire: boolean;
}

/** A player as it should be drawn this frame. */
export interface PlayerView {
  id: string;
  isSelf: boolean;
  x: number;
  y: number;
  aim: number;
  name: string;
  color: number;
  health: number;
  alive: boolean;
  shielded: boolean;
  frags: number;
  deaths: number;
}

/** A shot this client fired, traced locally the moment it fired (before the server confirms). */
export interface LocalShot {
  ox: number;
  oy: number;
  ex: number;
  ey: number;
  /** Id of the player the tracer stopped on, as this client saw it, or null. */
  hitId: string | null;
}

export interface SessionListeners {
  shot?(event: ShotEvent): void;
  frag?(event: FragEvent): void;
  localShot?(shot: LocalShot): void;
  /** A server update corrected the own prediction by `distance` px (0 = prediction matched). */
  correction?(distance: number): void;
  left?(code: number, reason: string | undefined): void;
}

export interface JoinRequest {
  name?: string;
  /** Only honoured when the room is created (netcode experiments). */
  lagCompensation?: boolean;
  /** Only honoured when the room is created: hits deal no damage (netcode experiments). */
  damage?: boolean;
  /** Always create a fresh room instead of joining an open one. */
  create?: boolean;
  /** Join this room (by id / code) instead of matchmaking. */
  roomId?: string;
  /** Put a simulated network link between this client and the server. */
  link?: LinkProfile;
  /** Seed of the link simulator's randomness (reproducible runs). */
  linkSeed?: number;
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
  private readonly views = new Map<string, PlayerView>();

  static async join(client: Client, request: JoinRequest = {}, listeners: SessionListeners = {}): Promise<GameSession> {
    const options: Record<string, unknown> = {};
    if (request.name !== undefined) options.name = request.name;
    if (request.lagCompensation !== undefined) options.lagCompensation = request.lagCompensation;
    if (request.damage !== undefined) options.damage = request.damage;
    const room = request.roomId !== undefined
      ? await client.joinById<ArenaState>(request.roomId, options, ArenaState)
      : request.create
        ? await client.create<ArenaState>(ROOM_NAME, options, ArenaState)
        : await client.joinOrCreate<ArenaState>(ROOM_NAME, options, ArenaState);
    const session = new GameSession(room, listeners);
    if (request.link) session.link = simulateLink(room.connection, request.link, request.linkSeed);
    return session;
  }

  constructor(room: Room<ArenaState>, listeners: SessionListeners = {}) {
    this.room = room;
    this.listeners = listeners;
    this.predict = Predict.get(room, { mode: "lerp", delay: INTERP_DELAY_MS, name: "skirmish" });
    this.predict.attachAll("players", {
      x: { mode: "lerp", delay: INTERP_DELAY_MS, snap: REMOTE_SNAP_PX },
      y: { mode: "lerp", delay: INTERP_DELAY_MS, snap: REMOTE_SNAP_PX },
    });
    this.predict.attachAll("players", { aim: { mode: "lerp", delay: INTERP_DELAY_MS, angle: true } });
    this.input = room.input<PlayerInput>({
      mode: "reliable",
      // The server rewinds targets to this render time: the same delay the remotes are drawn at.
      renderDelay: INTERP_DELAY_MS,
      // Only shots are lag-compensated; movement frames skip the timestamp.
      allowRewind: (data) => data.fire,
    });

    Callbacks.get(room).onAdd("players", (player, id) => {
      if (id === room.sessionId) this.startPredicting(player as MoverPlayer);
    });
    Callbacks.get(room).onRemove("players", (_player, id) => {
      this.views.delete(id);
    });
    room.onMessage(ServerMessage.Shot, (event: ShotEvent) => this.listeners.shot?.(event));
    room.onMessage(ServerMessage.Frag, (event: FragEvent) => this.listeners.frag?.(event));
    room.onLeave((code, reason) => this.listeners.left?.(code, reason));
  }

  get sessionId(): string {
    return this.room.sessionId;
  }

  /** Round-trip time to the server, ms (0 until measured). */
  get rttMs(): number {
    return this.room.clock?.rtt() ?? 0;
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
    if (controls === null) return 0;
    for (let i = 0; i < due; i++) {
      const data = this.input.data;
      data.moveX = controls.moveX;
      data.moveY = controls.moveY;
      data.aim = controls.aim;
      data.fire = controls.fire;
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
    for (const [id, player] of this.room.state.players) out.push(this.viewOf(id, player));
    return out;
  }

  /** The own player as drawn now, or undefined before the server added it. */
  self(): PlayerView | undefined {
    const player = this.room.state.players.get(this.room.sessionId);
    return player ? this.viewOf(this.room.sessionId, player) : undefined;
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

  /** Leave the room (consented). Resolves at once when the connection is already closed. */
  async leave(): Promise<void> {
    this.predict.dispose();
    if (!this.room.connection.isOpen) return;
    await this.room.leave(true);
  }

  private viewOf(id: string, player: Player): PlayerView {
    let view = this.views.get(id);
    if (!view) {
      view = {
        id, isSelf: id === this.room.sessionId, x: 0, y: 0, aim: 0, name: "", color: 0,
        health: 0, alive: false, shielded: false, frags: 0, deaths: 0,
      };
      this.views.set(id, view);
    }
    view.x = this.predict.value(player, "x");
    view.y = this.predict.value(player, "y");
    view.aim = this.predict.value(player, "aim");
    view.name = player.name;
    view.color = player.color;
    view.health = player.health;
    view.alive = player.alive;
    view.shielded = player.shield > 0;
    view.frags = player.frags;
    view.deaths = player.deaths;
    return view;
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
  }

  /** Trace a shot the moment this client fires it, against what this client shows: walls and
   *  the other players where they are drawn (which is where the server rewinds them to). */
  private traceLocalShot(from: MoverState, aim: number): void {
    if (!this.listeners.localShot) return;
    const targets: ShotTarget[] = [];
    for (const [id, player] of this.room.state.players) {
      if (id === this.room.sessionId || !player.alive) continue;
      targets.push({ id, x: this.predict.value(player, "x"), y: this.predict.value(player, "y") });
    }
    const shot = traceShot(from.x, from.y, aim, ARENA, targets);
    this.listeners.localShot({ ox: from.x, oy: from.y, ex: shot.endX, ey: shot.endY, hitId: shot.hitId });
  }
}
