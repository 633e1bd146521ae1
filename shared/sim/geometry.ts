// Both sides: ray and circle queries against axis-aligned rectangles. Pure.

import type { Rect } from "../arena.js";

/**
 * Distance along a ray (origin ox,oy; unit direction dx,dy) to the first point inside `r`,
 * or Infinity when the ray misses it. A ray starting inside the rect returns 0.
 */
export function rayRect(ox: number, oy: number, dx: number, dy: number, r: Rect): number {
  let tMin = 0;
  let tMax = Infinity;
  // Slab test, one axis at a time.
  if (dx === 0) {
    if (ox < r.x || ox > r.x + r.w) return Infinity;
  } else {
    let t1 = (r.x - ox) / dx;
    let t2 = (r.x + r.w - ox) / dx;
    if (t1 > t2) [t1, t2] = [t2, t1];
    tMin = Math.max(tMin, t1);
    tMax = Math.min(tMax, t2);
  }
  if (dy === 0) {
    if (oy < r.y || oy > r.y + r.h) return Infinity;
  } else {
    let t1 = (r.y - oy) / dy;
    let t2 = (r.y + r.h - oy) / dy;
    if (t1 > t2) [t1, t2] = [t2, t1];
    tMin = Math.max(tMin, t1);
    tMax = Math.min(tMax, t2);
  }
  return tMin <= tMax ? tMin : Infinity;
}

/** Distance along a ray (unit direction) to a circle's surface, or Infinity on a miss. A ray
 *  starting inside the circle returns 0. */
export function rayCircle(
  ox: number, oy: number, dx: number, dy: number,
  cx: number, cy: number, radius: number,
): number {
  const fx = ox - cx;
  const fy = oy - cy;
  const c = fx * fx + fy * fy - radius * radius;
  if (c <= 0) return 0;
  const b = fx * dx + fy * dy;
  if (b > 0) return Infinity; // pointing away
  const disc = b * b - c;
  if (disc < 0) return Infinity;
  return -b - Math.sqrt(disc);
}

/** Closest point of `r` to (px,py). */
export function closestPointOnRect(px: number, py: number, r: Rect): { x: number; y: number } {
  return {
    x: px < r.x ? r.x : px > r.x + r.w ? r.x + r.w : px,
    y: py < r.y ? r.y : py > r.y + r.h ? r.y + r.h : py,
  };
}
