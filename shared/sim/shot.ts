// Both sides: hitscan trace of one blaster shot against walls and bodies. Pure.

import type { ArenaMap } from "../arena.js";
import { BLASTER_RANGE, PLAYER_RADIUS } from "../constants.js";
import { rayCircle, rayRect } from "./geometry.js";

export interface ShotTarget {
  readonly id: string;
  readonly x: number;
  readonly y: number;
}

export interface ShotResult {
  /** Where the tracer stops, px. */
  endX: number;
  endY: number;
  /** Id of the body hit, or null when a wall (or range) stopped the shot. */
  hitId: string | null;
}

/**
 * Trace a shot from (ox,oy) along `angle` (radians). Walls stop it; the nearest target whose
 * body the ray crosses before any wall is hit. `targets` must not contain the shooter; the
 * caller decides where each target is (live, or rewound to what the shooter saw).
 */
export function traceShot(
  ox: number, oy: number, angle: number, arena: ArenaMap, targets: Iterable<ShotTarget>,
): ShotResult {
  const dx = Math.cos(angle);
  const dy = Math.sin(angle);
  let best = BLASTER_RANGE;
  for (const wall of arena.walls) {
    const t = rayRect(ox, oy, dx, dy, wall);
    if (t < best) best = t;
  }
  let hitId: string | null = null;
  for (const target of targets) {
    const t = rayCircle(ox, oy, dx, dy, target.x, target.y, PLAYER_RADIUS);
    if (t < best) {
      best = t;
      hitId = target.id;
    }
  }
  return { endX: ox + dx * best, endY: oy + dy * best, hitId };
}
