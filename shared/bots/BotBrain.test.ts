import { describe, expect, it } from "vitest";
import { ARENA } from "../arena.js";
import { STEP_MS } from "../constants.js";
import { BOT_SKILLS, BotBrain, type BotControls, type BotDifficulty, type BotOpponent } from "./BotBrain.js";

function controls(): BotControls {
  return { moveX: 0, moveY: 0, aim: 0, fire: false };
}

function opponent(id: string, x: number, y: number, extra: Partial<BotOpponent> = {}): BotOpponent {
  return { id, x, y, alive: true, shielded: false, ...extra };
}

/** Run `brain` for `ms` of steps in a frozen situation; the controls of every step. */
function run(brain: BotBrain, self: { x: number; y: number; alive: boolean }, others: BotOpponent[], ms: number, startMs = 0): BotControls[] {
  const out: BotControls[] = [];
  for (let t = startMs; t <= startMs + ms; t += STEP_MS) out.push({ ...brain.decide(self, "me", others, t, controls()) });
  return out;
}

const brain = (difficulty: BotDifficulty = "normal", seed = 1) => new BotBrain({ arena: ARENA, difficulty, seed });

describe("BotBrain", () => {
  it("with no opponent it walks somewhere and never fires", () => {
    const steps = run(brain(), { x: 100, y: 100, alive: true }, [], 1000);
    expect(steps.some((c) => Math.hypot(c.moveX, c.moveY) > 0.9)).toBe(true);
    expect(steps.every((c) => !c.fire)).toBe(true);
    for (const c of steps) {
      expect(Math.abs(c.moveX)).toBeLessThanOrEqual(1);
      expect(Math.abs(c.moveY)).toBeLessThanOrEqual(1);
      expect(c.aim).toBeGreaterThanOrEqual(0);
      expect(c.aim).toBeLessThan(2 * Math.PI);
    }
  });

  it("does not see or shoot an opponent behind a wall (no wall-hacks)", () => {
    // The side pillar (x 300–340, y 350–450) stands between the two.
    const b = brain("hard");
    const steps = run(b, { x: 100, y: 400, alive: true }, [opponent("them", 500, 400)], 2000);
    expect(steps.every((c) => !c.fire)).toBe(true);
    expect(b.target).toBe("");
  });

  it("aims at an opponent in sight and fires only after its reaction time", () => {
    for (const difficulty of ["easy", "normal", "hard"] as const) {
      const b = brain(difficulty);
      const steps = run(b, { x: 100, y: 100, alive: true }, [opponent("them", 500, 100)], 1500);
      const firstFire = steps.findIndex((c) => c.fire);
      const reactedAtMs = firstFire * STEP_MS;
      const { reactionMs, aimErrorRad } = BOT_SKILLS[difficulty];
      expect(b.target).toBe("them");
      expect(reactedAtMs).toBeGreaterThanOrEqual(reactionMs);
      expect(reactedAtMs).toBeLessThan(reactionMs + STEP_MS + 1e-9);
      // Straight to the right (angle 0 ≡ 2π), within the difficulty's aim error.
      for (const c of steps) {
        const off = Math.min(c.aim, 2 * Math.PI - c.aim);
        expect(off).toBeLessThanOrEqual(aimErrorRad + 1e-9);
      }
    }
  });

  it("aims worse the easier it is", () => {
    const meanError = (difficulty: BotDifficulty) => {
      const steps = run(brain(difficulty, 7), { x: 100, y: 100, alive: true }, [opponent("them", 500, 100)], 3000);
      return steps.reduce((sum, c) => sum + Math.min(c.aim, 2 * Math.PI - c.aim), 0) / steps.length;
    };
    expect(meanError("easy")).toBeGreaterThan(meanError("normal"));
    expect(meanError("normal")).toBeGreaterThan(meanError("hard"));
  });

  it("picks the nearest visible opponent, skips itself, the dead and the spawn-protected", () => {
    const b = brain("hard");
    const others = [
      opponent("me", 110, 100),
      opponent("dead", 150, 100, { alive: false }),
      opponent("shielded", 160, 100, { shielded: true }),
      opponent("far", 900, 100),
      opponent("near", 400, 100),
    ];
    run(b, { x: 100, y: 100, alive: true }, others, 100);
    expect(b.target).toBe("near");
  });

  it("restarts its reaction clock for a new target, and stands still while dead", () => {
    const b = brain("normal");
    const self = { x: 100, y: 100, alive: true };
    run(b, self, [opponent("a", 400, 100)], 1000);
    const switched = run(b, self, [opponent("b", 400, 100)], 200, 1100);
    expect(switched.every((c) => !c.fire)).toBe(true);
    const dead = run(b, { ...self, alive: false }, [opponent("b", 400, 100)], 500, 1400);
    expect(dead.every((c) => !c.fire && c.moveX === 0 && c.moveY === 0)).toBe(true);
  });

  it("decides the same from the same seed (reproducible)", () => {
    const a = run(brain("normal", 42), { x: 640, y: 300, alive: true }, [opponent("x", 900, 300)], 2000);
    const b = run(brain("normal", 42), { x: 640, y: 300, alive: true }, [opponent("x", 900, 300)], 2000);
    expect(a).toEqual(b);
  });
});
