// Bots: what a headless player does each frame: idle, wander, or fight.

import type { Controller } from "../client/net/headlessLoop.js";
import { IDLE } from "../client/net/headlessLoop.js";
import type { Controls, GameSession } from "../client/net/GameSession.js";
import { seededRandom } from "../shared/random.js";
import { ARENA, type Point } from "../shared/arena.js";
import { BLASTER_RANGE } from "../shared/constants.js";
import { clearLine, pickWaypoint } from "./navigation.js";

export const BEHAVIORS = {
  idle: "stand still (still sends an input every step)",
  wander: "walk between random points around the walls",
  fight: "wander, and aim at and shoot the nearest visible opponent",
} as const;
export type BehaviorName = keyof typeof BEHAVIORS;

/** Ms without progress before a wandering bot gives up on its waypoint. */
const STUCK_MS = 1500;
/** Aim error a fighting bot makes, radians (± half): bots are good, not perfect. */
const AIM_SPREAD = 0.06;

export function makeBehavior(name: BehaviorName, seed: number): Controller {
  const random = seededRandom(seed);
  if (name === "idle") return () => IDLE;
  const walk = wanderer(random);
  if (name === "wander") return walk;
  return (session, now) => {
    const move = walk(session, now);
    const me = session.self();
    if (!move || !me || !me.alive) return move;
    const target = nearestVisibleOpponent(session, me);
    if (!target) return move;
    const aim = Math.atan2(target.y - me.y, target.x - me.x) + (random() - 0.5) * AIM_SPREAD;
    return { ...move, aim, fire: true };
  };
}

function wanderer(random: () => number): Controller {
  let goal: Point | undefined;
  let lastProgressAt = 0;
  let bestDistance = Infinity;
  return (session, now): Controls => {
    const me = session.predictedState();
    if (!me || !me.alive) {
      goal = undefined;
      return IDLE;
    }
    const distance = goal ? Math.hypot(goal.x - me.x, goal.y - me.y) : 0;
    if (!goal || distance < 12 || now - lastProgressAt > STUCK_MS) {
      goal = pickWaypoint(ARENA, me, random);
      bestDistance = Infinity;
      lastProgressAt = now;
      if (!goal) return IDLE;
    }
    const d = Math.hypot(goal.x - me.x, goal.y - me.y);
    if (d < bestDistance - 1) {
      bestDistance = d;
      lastProgressAt = now;
    }
    return { moveX: (goal.x - me.x) / d, moveY: (goal.y - me.y) / d, aim: Math.atan2(goal.y - me.y, goal.x - me.x), fire: false };
  };
}

function nearestVisibleOpponent(session: GameSession, me: Point): Point | undefined {
  let best: Point | undefined;
  let bestD = BLASTER_RANGE;
  for (const p of session.players()) {
    if (p.isSelf || !p.alive || p.shielded) continue;
    const d = Math.hypot(p.x - me.x, p.y - me.y);
    if (d < bestD && clearLine(ARENA, me, p)) {
      best = p;
      bestD = d;
    }
  }
  return best;
}
