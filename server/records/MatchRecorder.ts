// Server: records one room's matches as they are played: results per player and the replay
// (inputs, shot outcomes, joins, leaves, digests). The room makes one call per event; a finished
// match goes to `save` (the records store) in one piece.

import type { ShotEvent } from "../../shared/protocol.js";
import type { ArenaState, Player } from "../../shared/schema.js";
import type { TargetLocator } from "../../shared/game/ArenaGame.js";
import {
  digestState, ReplayEncoder, type CheckedState, type ReplayHeader, type ReplayPlayer,
} from "../../shared/replay/format.js";

export type { EndReason } from "../../shared/records.js";
import type { EndReason, MatchPlayerJson } from "../../shared/records.js";

export interface MatchRules {
  matchSeconds: number;
  fragLimit: number;
  tickRate: number;
  damage: boolean;
}

/** A player's result as the API shows it (shared/records.ts), with what only the store keeps. */
export interface PlayerResult extends Omit<MatchPlayerJson, "winner"> {
  slot: number;
  /** The browser's random key ("" for clients that send none, e.g. third-party bots). */
  key: string;
}

export interface FinishedMatch {
  room: string;
  /** Epoch ms. */
  startedAt: number;
  endedAt: number;
  endReason: EndReason;
  rules: MatchRules;
  players: PlayerResult[];
  /** Slot of the winner, or null (a draw, no frags, or interrupted). */
  winner: number | null;
  /** Uncompressed replay body (shared/replay/format.ts). */
  replayBody: Uint8Array;
  ticks: number;
}

export interface SeatIdentity {
  playerKey?: string;
  bot?: boolean;
}

/** Slots per replay (one byte each); a room with more joins in one match stops recording joins. */
const MAX_SLOTS = 255;

interface Recording {
  startedAt: number;
  header: ReplayHeader;
  events: ReplayEncoder;
  slots: Map<string, PlayerResult>;
  ticks: number;
}

export class MatchRecorder {
  private readonly identities = new Map<string, SeatIdentity>();
  private recording: Recording | undefined;
  /** The last tick's digest while the recording's players are unchanged (see tick). */
  private lastDigest: number | undefined;
  /** Where each target was judged for the shot being resolved (lag compensation), by player. */
  private readonly judged = new Map<Player, { x: number; y: number }>();
  private state: ArenaState | undefined;

  constructor(private readonly options: {
    room: string;
    rules: MatchRules;
    save: ((match: FinishedMatch) => void) | undefined;
    now?: () => number;
  }) {}

  private get enabled(): boolean {
    return this.options.save !== undefined;
  }

  /** Wrap the room's target locator so shots remember where they judged each target. */
  observe(locate: TargetLocator<Player>): TargetLocator<Player> {
    if (!this.enabled) return locate;
    return (shooterId, target, stamp) => {
      const at = locate(shooterId, target, stamp);
      if (this.recording) this.judged.set(target, { x: at.x, y: at.y });
      return at;
    };
  }

  /** Someone joined (`player` undefined for a spectator), or a spectator took a player seat
   *  (`identity` undefined: known from their join). Call after the game seated them. */
  joined(id: string, player: Player | undefined, identity?: SeatIdentity): void {
    if (!this.enabled) return;
    if (identity) this.identities.set(id, { playerKey: identity.playerKey, bot: identity.bot });
    const rec = this.recording;
    if (!player) return;
    if (!rec || rec.slots.has(id) || rec.slots.size >= MAX_SLOTS) return;
    const result = this.resultFor(id, player, rec.slots.size);
    rec.slots.set(id, result);
    rec.events.join({ slot: result.slot, name: player.name, color: player.color, bot: result.bot });
  }

  /** A player's seat is about to go (left, or the reconnection window ended). */
  left(id: string, player: Player | undefined): void {
    if (!this.enabled) return;
    this.identities.delete(id);
    const result = this.recording?.slots.get(id);
    if (!result || !player) return;
    result.frags = player.frags;
    result.deaths = player.deaths;
    this.recording!.events.leave(result.slot);
  }

  /** A match started: everyone seated now, as the start left them, is the replay's first state. */
  started(state: ArenaState, spawnTurn: number): void {
    if (!this.enabled) return;
    this.state = state;
    const slots = new Map<string, PlayerResult>();
    const players: ReplayHeader["players"] = [];
    for (const [id, p] of state.players) {
      const result = this.resultFor(id, p, slots.size);
      slots.set(id, result);
      players.push(withChecked(this.replayPlayer(result, p), p));
    }
    const { rules } = this.options;
    this.lastDigest = undefined;
    this.recording = {
      startedAt: this.now(),
      header: {
        room: this.options.room, startedAt: this.now(), tickRate: rules.tickRate, matchSeconds: rules.matchSeconds,
        fragLimit: rules.fragLimit, damage: rules.damage, spawnTurn, players,
      },
      events: new ReplayEncoder(),
      slots,
      ticks: 0,
    };
  }

  /** One input about to be applied to player `id` for one step. */
  input(id: string, cmd: { moveX: number; moveY: number; aim: number; fire: boolean }): void {
    const slot = this.recording?.slots.get(id)?.slot;
    if (slot === undefined) return;
    this.recording!.events.input(slot, cmd.moveX, cmd.moveY, cmd.aim, cmd.fire);
  }

  /** The shot the last input fired, as the server resolved it. */
  shot(shot: ShotEvent): void {
    const rec = this.recording;
    const shooter = rec?.slots.get(shot.by);
    if (!rec || !shooter) return;
    shooter.shots++;
    const target = shot.hit ? rec.slots.get(shot.hit) : undefined;
    if (target) shooter.hits++;
    const hitPlayer = target ? this.state?.players.get(shot.hit) : undefined;
    const at = hitPlayer ? this.judged.get(hitPlayer) : undefined;
    rec.events.shot(shooter.slot, target ? target.slot : null, at?.x ?? 0, at?.y ?? 0);
    this.judged.clear();
  }

  /**
   * The end of a server tick (after the rules' own end of tick, before the match phase moves).
   * `unchanged`: the room knows no player field changed since the previous tick's digest (no
   * input applied, no schema change pending or sent since): the digest is the previous one.
   */
  tick(state: ArenaState, unchanged = false): void {
    const rec = this.recording;
    if (!rec) return;
    rec.ticks++;
    const digest = unchanged && this.lastDigest !== undefined ? this.lastDigest : digestState(this.entries(state, rec));
    this.lastDigest = digest;
    rec.events.tick(digest);
    // Written straight from the players: a checkpoint is encoded now, so it needs no copies.
    if (rec.ticks % rec.header.tickRate === 0) rec.events.checkpoint(this.entries(state, rec));
  }

  /** The match ended by its rules; `winnerId` is the session id of the winner ("" for none). */
  ended(reason: "time" | "frags", state: ArenaState, winnerId: string): void {
    this.finish(reason, state, winnerId);
  }

  /** The room is closing with a match in progress (drain, or everyone left). */
  interrupted(state: ArenaState): void {
    this.finish("interrupted", state, "");
  }

  private finish(reason: EndReason, state: ArenaState, winnerId: string): void {
    const rec = this.recording;
    if (!rec || !this.options.save) return;
    this.recording = undefined;
    for (const [id, result] of rec.slots) {
      const p = state.players.get(id);
      if (p) {
        result.frags = p.frags;
        result.deaths = p.deaths;
      }
    }
    this.options.save({
      room: this.options.room,
      startedAt: rec.startedAt,
      endedAt: this.now(),
      endReason: reason,
      rules: this.options.rules,
      players: [...rec.slots.values()],
      winner: rec.slots.get(winnerId)?.slot ?? null,
      replayBody: rec.events.body(rec.header),
      ticks: rec.ticks,
    });
  }

  /** The recorded players' states by slot, in seating order. Reuses one array and its entries
   *  (this runs every tick). */
  private entries(state: ArenaState, rec: Recording): Array<{ slot: number; state: CheckedState }> {
    const out = this.entryBuffer;
    let n = 0;
    // forEach: iterating the map with for…of allocates an [id, player] pair per player.
    state.players.forEach((p, id) => {
      const result = rec.slots.get(id);
      if (!result) return;
      const entry = out[n] ??= { slot: 0, state: p };
      entry.slot = result.slot;
      entry.state = p;
      n++;
    });
    out.length = n;
    return out;
  }

  private readonly entryBuffer: Array<{ slot: number; state: CheckedState }> = [];

  private resultFor(id: string, player: Player, slot: number): PlayerResult {
    const identity = this.identities.get(id) ?? {};
    return {
      slot, key: identity.playerKey ?? "", name: player.name, frags: 0, deaths: 0, shots: 0, hits: 0, bot: identity.bot ?? false,
    };
  }

  private replayPlayer(result: PlayerResult, p: Player): ReplayPlayer {
    return { slot: result.slot, name: p.name, color: p.color, bot: result.bot };
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}

/** `head` with a copy of the checked fields of `p`, added in one order: every such object shares
 *  one shape (spreading two objects into a literal gave each header player a shape of its own,
 *  ~0.6 KB a player kept for the whole match). */
function withChecked<T extends object>(head: T, p: CheckedState): T & CheckedState {
  const out = head as T & CheckedState;
  out.x = p.x; out.y = p.y; out.vx = p.vx; out.vy = p.vy; out.cooldown = p.cooldown; out.alive = p.alive;
  out.health = p.health; out.shield = p.shield; out.frags = p.frags; out.deaths = p.deaths;
  return out;
}
