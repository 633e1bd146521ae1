// Both sides: choosing where a player (re)appears. Deterministic, no randomness needed: the
// server spawns with it and replays re-simulate the same spawns.

import type { Point } from "../arena.js";

/**
 * The spawn point farthest from every living opponent (the classic "farthest spawn" rule that
 * keeps spawn kills rare). `turn` breaks ties so an empty arena still rotates spawns.
 */
export function pickSpawn(spawns: readonly Point[], opponents: Iterable<Point>, turn: number): Point {
  const others = [...opponents];
  if (others.length === 0) return spawns[turn % spawns.length];
  let best = spawns[0];
  let bestScore = -Infinity;
  for (let i = 0; i < spawns.length; i++) {
    const s = spawns[(i + turn) % spawns.length];
    let nearest = Infinity;
    for (const o of others) nearest = Math.min(nearest, Math.hypot(s.x - o.x, s.y - o.y));
    if (nearest > bestScore) {
      bestScore = nearest;
      best = s;
    }
  }
  return best;
}
