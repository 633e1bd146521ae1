import { describe, expect, it } from "vitest";
import { ARENA, WALL_MIN_THICKNESS, type ArenaMap } from "../arena.js";
import { BLASTER_COOLDOWN_SECONDS, PLAYER_MAX_SPEED, PLAYER_RADIUS, STEP_SECONDS, TICK_RATE } from "../constants.js";

const BLASTER_COOLDOWN_TICKS = BLASTER_COOLDOWN_SECONDS * TICK_RATE;
import { seededRandom } from "../random.js";
import { snap } from "./fixed.js";
import { stepPlayer, type MoveCommand, type MoverState } from "./player.js";


function fresh(x = 100, y = 100): MoverState {
  return { x, y, vx: 0, vy: 0, cooldown: 0, alive: true };
}

function randomCommand(rand: () => number): MoveCommand {
  const axis = () => [-1, 0, 1][Math.floor(rand() * 3)];
  return { moveX: axis(), moveY: axis(), fire: rand() < 0.3 };
}

/** Distance the body's centre is inside the wall expanded by the radius (0 = not penetrating). */
function penetration(p: MoverState, arena: ArenaMap): number {
  let worst = 0;
  for (const w of arena.walls) {
    const cx = Math.max(w.x, Math.min(p.x, w.x + w.w));
    const cy = Math.max(w.y, Math.min(p.y, w.y + w.h));
    const inside = p.x > w.x && p.x < w.x + w.w && p.y > w.y && p.y < w.y + w.h;
    const d = Math.hypot(p.x - cx, p.y - cy);
    const depth = inside ? PLAYER_RADIUS + Math.min(p.x - w.x, w.x + w.w - p.x, p.y - w.y, w.y + w.h - p.y) : PLAYER_RADIUS - d;
    worst = Math.max(worst, depth);
  }
  return worst;
}

describe("stepPlayer", () => {
  it("is deterministic: the same input stream gives bit-identical state over 10 000 steps", () => {
    const run = () => {
      const rand = seededRandom(42);
      const p = fresh(ARENA.spawns[0].x, ARENA.spawns[0].y);
      const trace: number[] = [];
      for (let i = 0; i < 10_000; i++) {
        stepPlayer(p, randomCommand(rand), STEP_SECONDS, ARENA);
        trace.push(p.x, p.y, p.vx, p.vy, p.cooldown);
      }
      return trace;
    };
    const a = run();
    const b = run();
    expect(a.length).toBe(50_000);
    expect(b).toEqual(a);
    // The stream actually moved the player around (a frozen player would also be "deterministic").
    const xs = a.filter((_, i) => i % 5 === 0);
    expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(200);
  });

  it("never lets a body into a wall, at any heading, from any spawn, over long random walks", () => {
    let worst = 0;
    let moved = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const rand = seededRandom(seed);
      const start = ARENA.spawns[seed % ARENA.spawns.length];
      const p = fresh(start.x, start.y);
      for (let i = 0; i < 1500; i++) {
        const before = p.x;
        stepPlayer(p, randomCommand(rand), STEP_SECONDS, ARENA);
        moved += Math.abs(p.x - before);
        worst = Math.max(worst, penetration(p, ARENA));
      }
    }
    expect(moved).toBeGreaterThan(10_000);
    expect(worst).toBeLessThanOrEqual(0);
  });

  it("stops at walls even when started with absurd velocities and huge time steps", () => {
    const thin: ArenaMap = {
      width: 400, height: 400, spawns: [{ x: 50, y: 200 }],
      walls: [{ x: 200, y: 0, w: WALL_MIN_THICKNESS, h: 400 }],
    };
    for (let deg = 0; deg < 360; deg += 7.5) {
      for (const speed of [50, 280, 5_000, 1e9, Infinity, NaN]) {
        const a = (deg * Math.PI) / 180;
        const p: MoverState = { ...fresh(150, 200), vx: Math.cos(a) * speed, vy: Math.sin(a) * speed };
        for (let i = 0; i < 20; i++) {
          stepPlayer(p, { moveX: Math.cos(a), moveY: Math.sin(a), fire: false }, 0.25, thin);
          expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
          expect(p.x).toBeLessThanOrEqual(200 - PLAYER_RADIUS);
          expect(p.x).toBeGreaterThanOrEqual(PLAYER_RADIUS);
          expect(Math.hypot(p.vx, p.vy)).toBeLessThanOrEqual(PLAYER_MAX_SPEED + 0.05); // grid rounding
        }
      }
    }
  });

  it("clamps move axes: over-long and non-finite axes are no faster than full stick", () => {
    const reference = fresh(400, 300);
    const abusive = fresh(400, 300);
    const nan = fresh(400, 300);
    for (let i = 0; i < 30; i++) {
      stepPlayer(reference, { moveX: 1, moveY: 0, fire: false }, STEP_SECONDS, ARENA);
      stepPlayer(abusive, { moveX: 1e6, moveY: 0, fire: false }, STEP_SECONDS, ARENA);
      stepPlayer(nan, { moveX: NaN, moveY: Infinity, fire: false }, STEP_SECONDS, ARENA);
    }
    expect(abusive.x).toBe(reference.x);
    expect(Math.hypot(abusive.vx, abusive.vy)).toBeLessThanOrEqual(PLAYER_MAX_SPEED);
    expect(nan).toMatchObject({ x: 400, y: 300, vx: 0, vy: 0 });
  });

  it("moves diagonally no faster than straight", () => {
    const diag = fresh(640, 120);
    for (let i = 0; i < 10; i++) stepPlayer(diag, { moveX: 1, moveY: 1, fire: false }, STEP_SECONDS, ARENA);
    expect(Math.hypot(diag.vx, diag.vy)).toBeLessThanOrEqual(PLAYER_MAX_SPEED + 1 / 32);
  });

  it("fires on the first held step, then only every cooldown", () => {
    const p = fresh(400, 300);
    const fired: number[] = [];
    for (let i = 0; i < 20; i++) if (stepPlayer(p, { moveX: 0, moveY: 0, fire: true }, STEP_SECONDS, ARENA)) fired.push(i);
    expect(fired).toEqual([0, BLASTER_COOLDOWN_TICKS, 2 * BLASTER_COOLDOWN_TICKS, 3 * BLASTER_COOLDOWN_TICKS]);
  });

  it("keeps the fire rate in seconds at any tick rate", () => {
    for (const rate of [10, 20, 30, 60]) {
      const p = fresh(400, 300);
      let shots = 0;
      for (let i = 0; i < rate * 2; i++) if (stepPlayer(p, { moveX: 0, moveY: 0, fire: true }, 1 / rate, ARENA)) shots++;
      expect(shots, `${rate} Hz`).toBe(2 / BLASTER_COOLDOWN_SECONDS);
    }
  });

  it("a dead player neither moves nor fires", () => {
    const p = { ...fresh(400, 300), alive: false, vx: 100 };
    expect(stepPlayer(p, { moveX: 1, moveY: 1, fire: true }, STEP_SECONDS, ARENA)).toBe(false);
    expect(p).toMatchObject({ x: 400, y: 300, vx: 0, vy: 0 });
  });

  it("keeps positions and velocities on the wire grid", () => {
    const rand = seededRandom(7);
    const p = fresh(300, 300);
    for (let i = 0; i < 500; i++) {
      stepPlayer(p, randomCommand(rand), STEP_SECONDS, ARENA);
      for (const v of [p.x, p.y, p.vx, p.vy]) expect(snap(v)).toBe(v);
    }
  });
});
