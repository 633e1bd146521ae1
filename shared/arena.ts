// Both sides: the arena map as data: size, walls and spawn points.

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface ArenaMap {
  readonly width: number;
  readonly height: number;
  /** Solid, axis-aligned. Every wall is at least WALL_MIN_THICKNESS thick (the step relies on it). */
  readonly walls: readonly Rect[];
  readonly spawns: readonly Point[];
}

/** Thinnest wall allowed, px: thicker than a player radius, so a sub-stepped body can never
 *  have its centre cross into a wall between two collision checks. */
export const WALL_MIN_THICKNESS = 24;

const W = 1280;
const H = 800;
const T = 24; // outer wall thickness, px

export const ARENA: ArenaMap = {
  width: W,
  height: H,
  walls: [
    // Outer walls.
    { x: 0, y: 0, w: W, h: T },
    { x: 0, y: H - T, w: W, h: T },
    { x: 0, y: 0, w: T, h: H },
    { x: W - T, y: 0, w: T, h: H },
    // Centre cross, with gaps to run through.
    { x: 560, y: 370, w: 160, h: 60 },
    { x: 610, y: 200, w: 60, h: 110 },
    { x: 610, y: 490, w: 60, h: 110 },
    // Corner cover.
    { x: 200, y: 170, w: 180, h: 32 },
    { x: 900, y: 170, w: 180, h: 32 },
    { x: 200, y: 598, w: 180, h: 32 },
    { x: 900, y: 598, w: 180, h: 32 },
    // Side pillars.
    { x: 300, y: 350, w: 40, h: 100 },
    { x: 940, y: 350, w: 40, h: 100 },
  ],
  spawns: [
    { x: 100, y: 100 },
    { x: 1180, y: 700 },
    { x: 1180, y: 100 },
    { x: 100, y: 700 },
    { x: 640, y: 100 },
    { x: 640, y: 700 },
    { x: 150, y: 400 },
    { x: 1130, y: 400 },
  ],
};
