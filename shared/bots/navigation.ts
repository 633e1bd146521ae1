// Both sides: where a body can go and what it can see in the arena (the headless bots and the
// server's room bots steer and look with it). Pure.

import type { ArenaMap, Point } from "../arena.js";
import { PLAYER_RADIUS } from "../constants.js";
import { rayRect } from "../sim/geometry.js";

/** A wall grown by a clearance, rewritten for each wall (clearLine runs every bot step: no
 *  allocation per wall). */
const grown = { x: 0, y: 0, w: 0, h: 0 };

/** Whether a ray from a to b reaches b before any wall grown by `clearance` px. */
export function clearLine(arena: ArenaMap, a: Point, b: Point, clearance = 0): boolean {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy);
  if (len === 0) return true;
  for (const w of arena.walls) {
    grown.x = w.x - clearance;
    grown.y = w.y - clearance;
    grown.w = w.w + 2 * clearance;
    grown.h = w.h + 2 * clearance;
    if (rayRect(a.x, a.y, dx / len, dy / len, grown) < len) return false;
  }
  return true;
}

/** A random point a body can stand on, reachable in a straight line from `from`, or undefined
 *  when `tries` candidates all failed. */
export function pickWaypoint(arena: ArenaMap, from: Point, random: () => number, tries = 20): Point | undefined {
  const margin = PLAYER_RADIUS + 8;
  for (let i = 0; i < tries; i++) {
    const p = {
      x: margin + random() * (arena.width - 2 * margin),
      y: margin + random() * (arena.height - 2 * margin),
    };
    if (Math.hypot(p.x - from.x, p.y - from.y) < 120) continue;
    if (clearLine(arena, from, p, PLAYER_RADIUS + 2)) return p;
  }
  return undefined;
}

/** Distance at which steering starts to slow down, px: about the braking distance at full speed. */
const ARRIVE_RADIUS = 40;

/** Move axes that bring a body at `from` to `to` and stop there without overshooting. */
export function steerTo(from: Point, to: Point): { moveX: number; moveY: number } {
  const clamp = (v: number) => Math.max(-1, Math.min(1, v));
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  return {
    moveX: Math.abs(dx) < 0.5 ? 0 : clamp(dx / ARRIVE_RADIUS),
    moveY: Math.abs(dy) < 0.5 ? 0 : clamp(dy / ARRIVE_RADIUS),
  };
}

/** Grid step of the route search, px. */
const ROUTE_GRID_PX = 40;

/**
 * The next point to head for on the way from `from` to `to`: `to` itself when the straight line
 * is clear for a body, else a grid point that sees both ends (or, failing that, one that sees a
 * grid point that sees `to`). Undefined when no such route exists.
 */
export function nextStop(arena: ArenaMap, from: Point, to: Point): Point | undefined {
  const clearance = PLAYER_RADIUS + 2;
  if (clearLine(arena, from, to, clearance)) return to;
  const points: Point[] = [];
  for (let x = ROUTE_GRID_PX; x < arena.width; x += ROUTE_GRID_PX) {
    for (let y = ROUTE_GRID_PX; y < arena.height; y += ROUTE_GRID_PX) points.push({ x, y });
  }
  const open = points.filter((p) => !arena.walls.some((w) =>
    p.x > w.x - clearance && p.x < w.x + w.w + clearance && p.y > w.y - clearance && p.y < w.y + w.h + clearance));
  const dist = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);
  const seesTo = open.filter((p) => clearLine(arena, p, to, clearance));
  const oneHop = seesTo.filter((p) => clearLine(arena, from, p, clearance));
  if (oneHop.length > 0) return oneHop.reduce((a, b) => (dist(from, a) + dist(a, to) <= dist(from, b) + dist(b, to) ? a : b));
  const reachable = open.filter((p) => clearLine(arena, from, p, clearance));
  let best: Point | undefined;
  let bestCost = Infinity;
  for (const a of reachable) {
    for (const b of seesTo) {
      const cost = dist(from, a) + dist(a, b) + dist(b, to);
      if (cost < bestCost && clearLine(arena, a, b, clearance)) {
        best = a;
        bestCost = cost;
      }
    }
  }
  return best;
}
