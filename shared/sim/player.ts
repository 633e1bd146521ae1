// Both sides: one player's movement and trigger for one fixed step. Pure and deterministic:
// the server tick, the client reconciler and the bots all run this function.

import type { ArenaMap } from "../arena.js";
import {
  BLASTER_COOLDOWN_SECONDS, PLAYER_ACCEL, PLAYER_FRICTION, PLAYER_MAX_SPEED, PLAYER_RADIUS,
} from "../constants.js";
import { snap } from "./fixed.js";
import { closestPointOnRect } from "./geometry.js";

/** The part of a player the step reads and writes (the reconciled fields). */
export interface MoverState {
  x: number;
  y: number;
  vx: number;
  vy: number;
  /** Ticks until the blaster can fire again. */
  cooldown: number;
  /** A dead player does not move or fire; only the server changes this. */
  alive: boolean;
}

/** The part of an input the step reads. Axes in [-1, 1]; the server clamps them. */
export interface MoveCommand {
  moveX: number;
  moveY: number;
  fire: boolean;
}

/** The fields a reconciler mirrors from the authoritative player. */
export const MOVER_FIELDS = ["x", "y", "vx", "vy", "cooldown", "alive"] as const satisfies readonly (keyof MoverState)[];

/** Largest distance moved between two collision checks, px: half a radius, so the centre
 *  can never skip past a wall face (walls are thicker than a radius). */
const MAX_SUBSTEP_PX = PLAYER_RADIUS / 2;

/**
 * Advance `p` by one fixed step of `dt` seconds under `cmd`, colliding with `arena`.
 * Mutates `p`. Returns true when the blaster fired on this step (the caller resolves the shot
 * from the post-step position). Positions and velocities end on the 1/32 px grid.
 */
export function stepPlayer(p: MoverState, cmd: MoveCommand, dt: number, arena: ArenaMap): boolean {
  if (p.cooldown > 0) p.cooldown -= 1;
  if (!p.alive) {
    p.vx = 0;
    p.vy = 0;
    return false;
  }

  // Wanted velocity from the move axes; diagonals are not faster.
  let mx = finiteOr0(cmd.moveX);
  let my = finiteOr0(cmd.moveY);
  const len = Math.hypot(mx, my);
  if (len > 1) {
    mx /= len;
    my /= len;
  }
  const wantX = mx * PLAYER_MAX_SPEED;
  const wantY = my * PLAYER_MAX_SPEED;
  const rate = (len > 0 ? PLAYER_ACCEL : PLAYER_FRICTION) * dt;
  p.vx = approach(finiteOr0(p.vx), wantX, rate);
  p.vy = approach(finiteOr0(p.vy), wantY, rate);
  clampSpeed(p);

  moveAndCollide(p, dt, arena);

  p.x = snap(p.x);
  p.y = snap(p.y);
  p.vx = snap(p.vx);
  p.vy = snap(p.vy);

  if (cmd.fire && p.cooldown === 0) {
    // In steps, so both sides count it identically; the step length comes from the tick rate.
    p.cooldown = Math.round(BLASTER_COOLDOWN_SECONDS / dt);
    return true;
  }
  return false;
}

function moveAndCollide(p: MoverState, dt: number, arena: ArenaMap): void {
  const dist = Math.hypot(p.vx, p.vy) * dt;
  const steps = Math.max(1, Math.ceil(dist / MAX_SUBSTEP_PX));
  const h = dt / steps;
  for (let i = 0; i < steps; i++) {
    p.x += p.vx * h;
    p.y += p.vy * h;
    keepInside(p, arena);
    for (const wall of arena.walls) resolveWall(p, wall);
  }
}

/** The arena edge is a wall too, even on a map that forgets to draw one. */
function keepInside(p: MoverState, arena: ArenaMap): void {
  const r = PLAYER_RADIUS;
  if (p.x < r) { p.x = r; if (p.vx < 0) p.vx = 0; }
  if (p.x > arena.width - r) { p.x = arena.width - r; if (p.vx > 0) p.vx = 0; }
  if (p.y < r) { p.y = r; if (p.vy < 0) p.vy = 0; }
  if (p.y > arena.height - r) { p.y = arena.height - r; if (p.vy > 0) p.vy = 0; }
}

/** Push the body out of `wall` along the contact normal and drop the velocity into it (slide). */
function resolveWall(p: MoverState, wall: ArenaMap["walls"][number]): void {
  const c = closestPointOnRect(p.x, p.y, wall);
  let nx = p.x - c.x;
  let ny = p.y - c.y;
  const d2 = nx * nx + ny * ny;
  const r = PLAYER_RADIUS;
  if (d2 >= r * r) return;
  let depth: number;
  if (d2 > 0) {
    const d = Math.sqrt(d2);
    nx /= d;
    ny /= d;
    depth = r - d;
  } else {
    // Centre inside the wall (only reachable from a bad starting state): leave by the
    // nearest face.
    const left = p.x - wall.x;
    const right = wall.x + wall.w - p.x;
    const top = p.y - wall.y;
    const bottom = wall.y + wall.h - p.y;
    const m = Math.min(left, right, top, bottom);
    if (m === left) { nx = -1; ny = 0; depth = left + r; }
    else if (m === right) { nx = 1; ny = 0; depth = right + r; }
    else if (m === top) { nx = 0; ny = -1; depth = top + r; }
    else { nx = 0; ny = 1; depth = bottom + r; }
  }
  // A hair past contact, so snapping to the grid (≤ 1/64 px per axis) cannot land back inside.
  const push = depth + 1 / 32;
  p.x += nx * push;
  p.y += ny * push;
  const into = p.vx * nx + p.vy * ny;
  if (into < 0) {
    p.vx -= into * nx;
    p.vy -= into * ny;
  }
}

function approach(v: number, target: number, maxDelta: number): number {
  if (v < target) return Math.min(v + maxDelta, target);
  if (v > target) return Math.max(v - maxDelta, target);
  return v;
}

function clampSpeed(p: MoverState): void {
  const s = Math.hypot(p.vx, p.vy);
  if (s > PLAYER_MAX_SPEED) {
    p.vx *= PLAYER_MAX_SPEED / s;
    p.vy *= PLAYER_MAX_SPEED / s;
  }
}

function finiteOr0(v: number): number {
  return Number.isFinite(v) ? v : 0;
}
