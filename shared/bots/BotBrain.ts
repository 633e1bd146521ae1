// Both sides: what a bot decides each step: walk between points, aim at the nearest opponent it
// can see, shoot once it has seen them for its reaction time, with an aim error. The server's room
// bots and the headless bots (bots/) run it. Pure: time comes in as ms, randomness from a seed.

import type { ArenaMap, Point } from "../arena.js";
import { BLASTER_RANGE } from "../constants.js";
import { seededRandom } from "../random.js";
import { clearLine, pickWaypoint } from "./navigation.js";

/** How good a bot is: how long it needs to react and how well it aims. */
export const BOT_SKILLS = {
  easy: { reactionMs: 650, aimErrorRad: 0.2 },
  normal: { reactionMs: 400, aimErrorRad: 0.1 },
  hard: { reactionMs: 200, aimErrorRad: 0.045 },
} as const;
export type BotDifficulty = keyof typeof BOT_SKILLS;
export const BOT_DIFFICULTIES = Object.keys(BOT_SKILLS) as BotDifficulty[];
export const DEFAULT_BOT_DIFFICULTY: BotDifficulty = "normal";

export function isBotDifficulty(value: unknown): value is BotDifficulty {
  return typeof value === "string" && Object.hasOwn(BOT_SKILLS, value);
}

/** Ms without getting closer before a bot gives up on its waypoint (it walked into something). */
const STUCK_MS = 1500;
/** A waypoint this close counts as reached, px. */
const ARRIVED_PX = 12;

/** The bot's own body. */
export interface BotBody extends Point {
  alive: boolean;
}

/** Another player as the bot may consider them. */
export interface BotOpponent extends Point {
  id: string;
  alive: boolean;
  /** Spawn protection: shooting them is wasted. */
  shielded: boolean;
}

/** One step's controls: axes in [-1, 1], aim in radians (the input frame's fields). */
export interface BotControls {
  moveX: number;
  moveY: number;
  aim: number;
  fire: boolean;
}

export interface BotBrainOptions {
  arena: ArenaMap;
  difficulty: BotDifficulty;
  seed: number;
  /** False: only walk (the headless `wander` behaviour). Default true. */
  fight?: boolean;
}

export class BotBrain {
  difficulty: BotDifficulty;
  private readonly arena: ArenaMap;
  private readonly random: () => number;
  private readonly fight: boolean;
  private goal: Point | undefined;
  private bestDistance = Infinity;
  private lastProgressMs = 0;
  /** The opponent in sight, and since when it has been in sight (the reaction clock). */
  private targetId = "";
  private seenSinceMs = 0;
  private aim = 0;

  constructor(options: BotBrainOptions) {
    this.arena = options.arena;
    this.difficulty = options.difficulty;
    this.random = seededRandom(options.seed);
    this.fight = options.fight ?? true;
  }

  /** Who the bot is aiming at ("" when nobody is in sight). */
  get target(): string {
    return this.targetId;
  }

  /**
   * Decide this step's controls from what the bot sees, at `nowMs` (any monotonic ms clock).
   * `opponents` may include the bot itself under `selfId`: it is skipped. Writes into and returns `out`.
   */
  decide(self: BotBody, selfId: string, opponents: Iterable<BotOpponent>, nowMs: number, out: BotControls): BotControls {
    out.moveX = 0;
    out.moveY = 0;
    out.fire = false;
    if (!self.alive) {
      this.goal = undefined;
      this.targetId = "";
      out.aim = this.aim;
      return out;
    }
    this.walk(self, nowMs, out);
    const target = this.fight ? this.nearestVisible(self, selfId, opponents) : undefined;
    if (target === undefined) {
      this.targetId = "";
      out.aim = this.aim;
      return out;
    }
    if (target.id !== this.targetId) {
      this.targetId = target.id;
      this.seenSinceMs = nowMs;
    }
    const skill = BOT_SKILLS[this.difficulty];
    const error = (this.random() * 2 - 1) * skill.aimErrorRad;
    this.aim = normalizeAngle(Math.atan2(target.y - self.y, target.x - self.x) + error);
    out.aim = this.aim;
    out.fire = nowMs - this.seenSinceMs >= skill.reactionMs;
    return out;
  }

  private walk(self: Point, nowMs: number, out: BotControls): void {
    const distance = this.goal ? Math.hypot(this.goal.x - self.x, this.goal.y - self.y) : 0;
    if (!this.goal || distance < ARRIVED_PX || nowMs - this.lastProgressMs > STUCK_MS) {
      this.goal = pickWaypoint(this.arena, self, this.random);
      this.bestDistance = Infinity;
      this.lastProgressMs = nowMs;
      if (!this.goal) return;
    }
    const d = Math.hypot(this.goal.x - self.x, this.goal.y - self.y);
    if (d < this.bestDistance - 1) {
      this.bestDistance = d;
      this.lastProgressMs = nowMs;
    }
    if (d === 0) return;
    out.moveX = (this.goal.x - self.x) / d;
    out.moveY = (this.goal.y - self.y) / d;
    this.aim = normalizeAngle(Math.atan2(out.moveY, out.moveX));
  }

  /** The closest living, unprotected opponent in blaster range with nothing but air between. */
  private nearestVisible(self: Point, selfId: string, opponents: Iterable<BotOpponent>): BotOpponent | undefined {
    let best: BotOpponent | undefined;
    let bestD = BLASTER_RANGE;
    for (const p of opponents) {
      if (p.id === selfId || !p.alive || p.shielded) continue;
      const d = Math.hypot(p.x - self.x, p.y - self.y);
      if (d < bestD && clearLine(this.arena, self, p)) {
        best = p;
        bestD = d;
      }
    }
    return best;
  }
}

/** An angle in [0, 2π) (the input frame's aim range). */
function normalizeAngle(a: number): number {
  const full = 2 * Math.PI;
  return ((a % full) + full) % full;
}
