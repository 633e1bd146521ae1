// Both sides: a match re-simulated from its replay by the game's own rules engine
// (shared/game/ArenaGame.ts): every stored input through the shared step, each shot's outcome as
// the server decided it, joins, leaves and the end of every tick. Pure: `npm run replay -- verify`
// and the browser viewer run it.

import type { ArenaMap } from "../arena.js";
import { DEFAULT_TIMINGS, MAX_HEALTH } from "../constants.js";
import { ArenaGame, type DecidedShot, type PlayerTable } from "../game/ArenaGame.js";
import type { ShotEvent } from "../protocol.js";
import type { MoverState } from "../sim/player.js";
import {
  digestState, type CheckedState, type Replay, type ReplayEvent, type ReplayPlayer,
} from "./format.js";

export interface SimPlayer extends ReplayPlayer, CheckedState, MoverState {
  aim: number;
}

/** A shot as the viewer draws it, traced again from the shooter's simulated position and aim. */
export interface SimShot {
  slot: number;
  ox: number;
  oy: number;
  ex: number;
  ey: number;
  hit: number | null;
}

/** Something the re-simulation disagrees with in the stored events. */
export interface SimMismatch {
  slot: number;
  field: "fire";
  /** What the stored events say, and what the simulation did. */
  stored: string;
  simulated: string;
}

type ShotRecord = Extract<ReplayEvent, { kind: "shot" }>;

/** The rules address players by id; a replay by slot: the id is the slot in decimal. */
class SlotTable implements PlayerTable<SimPlayer> {
  constructor(private readonly bySlot: Map<number, SimPlayer>) {}

  get size(): number {
    return this.bySlot.size;
  }

  get(id: string): SimPlayer | undefined {
    return this.bySlot.get(Number(id));
  }

  set(id: string, player: SimPlayer): void {
    this.bySlot.set(Number(id), player);
  }

  delete(id: string): void {
    this.bySlot.delete(Number(id));
  }

  *entries(): IterableIterator<[string, SimPlayer]> {
    for (const [slot, p] of this.bySlot) yield [String(slot), p];
  }

  values(): IterableIterator<SimPlayer> {
    return this.bySlot.values();
  }
}

function newPlayer(): SimPlayer {
  return {
    slot: -1, name: "", color: 0, bot: false, aim: 0,
    x: 0, y: 0, vx: 0, vy: 0, cooldown: 0, alive: true, health: MAX_HEALTH, shield: 0, frags: 0, deaths: 0,
  };
}

export class ReplaySim {
  /** Players by slot, in the order they were seated (the server's order). */
  readonly players = new Map<number, SimPlayer>();
  /** Ticks simulated since the match started. */
  tick = 0;
  /** Shots resolved during the last tick. */
  readonly shots: SimShot[] = [];
  private readonly game: ArenaGame<SimPlayer>;
  private readonly dt: number;
  private cursor = 0;
  /** The stored shot the input being applied fired, handed to the rules as their verdict. */
  private storedShot: ShotRecord | undefined;
  private firedBy = -1;

  constructor(private readonly replay: Replay, arena: ArenaMap) {
    const h = replay.header;
    this.dt = 1 / h.tickRate;
    this.game = new ArenaGame<SimPlayer>({
      players: new SlotTable(this.players), newPlayer, arena, damage: h.damage, tickRate: h.tickRate,
      // Inputs are replayed as the server applied them (its budget already spent).
      inputBudget: DEFAULT_TIMINGS,
      spawnRotation: h.spawnTurn,
      locateTarget: (_shooter, target) => target,
      decideShot: () => this.verdict(),
      events: { onShot: (shot) => this.shotFired(shot), onFrag: () => undefined },
    });
    for (const p of h.players) this.game.adoptPlayer(String(p.slot), { ...newPlayer(), ...p, aim: 0 });
  }

  /** Whether every event has been simulated. */
  get finished(): boolean {
    return this.cursor >= this.replay.events.length;
  }

  /**
   * Simulate up to and including the next tick's end. `onEvent` sees each event after it is
   * applied (the verifier checks digests there). Returns the first disagreement with the stored
   * shots, if any.
   */
  stepTick(onEvent?: (event: ReplayEvent) => void): SimMismatch | undefined {
    this.shots.length = 0;
    let mismatch: SimMismatch | undefined;
    const events = this.replay.events;
    while (this.cursor < events.length) {
      const event = events[this.cursor++];
      switch (event.kind) {
        case "input": {
          // The shot this input fired, if the server recorded one, comes right after it.
          const next = events[this.cursor];
          this.storedShot = next?.kind === "shot" && next.slot === event.slot ? next : undefined;
          this.firedBy = -1;
          this.game.applyInput(String(event.slot), event, this.dt);
          if (this.storedShot && this.firedBy !== event.slot) {
            mismatch ??= { slot: event.slot, field: "fire", stored: "a shot", simulated: "could not fire (cooldown or dead)" };
          } else if (!this.storedShot && this.firedBy === event.slot) {
            mismatch ??= { slot: event.slot, field: "fire", stored: "no shot", simulated: "fired" };
          }
          if (this.storedShot) {
            onEvent?.(event);
            onEvent?.(events[this.cursor++]);
            this.storedShot = undefined;
            continue;
          }
          break;
        }
        case "shot":
          // A shot not right after an input of its shooter: the stored stream disagrees.
          mismatch ??= { slot: event.slot, field: "fire", stored: "a shot", simulated: "could not fire (cooldown or dead)" };
          break;
        case "join": {
          const p = this.game.addPlayer(String(event.slot), event.name);
          p.slot = event.slot;
          p.color = event.color;
          p.bot = event.bot;
          break;
        }
        case "leave": this.game.removePlayer(String(event.slot)); break;
        case "tick":
          this.game.endTick();
          this.tick++;
          break;
        case "checkpoint": break;
      }
      onEvent?.(event);
      if (event.kind === "tick") break;
    }
    return mismatch;
  }

  /** The state digest the server computes at the end of a tick. */
  digest(): number {
    return digestState(this.digestEntries());
  }

  private *digestEntries(): Iterable<{ slot: number; state: CheckedState }> {
    for (const p of this.players.values()) yield { slot: p.slot, state: p };
  }

  private verdict(): DecidedShot | undefined {
    const stored = this.storedShot;
    if (!stored) return undefined;
    return { hitId: stored.hit === null ? null : String(stored.hit), x: stored.jx, y: stored.jy };
  }

  private shotFired(shot: ShotEvent): void {
    const slot = Number(shot.by);
    this.firedBy = slot;
    this.shots.push({ slot, ox: shot.ox, oy: shot.oy, ex: shot.ex, ey: shot.ey, hit: shot.hit === "" ? null : Number(shot.hit) });
  }
}
