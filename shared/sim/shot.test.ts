import { describe, expect, it } from "vitest";
import { ARENA } from "../arena.js";
import { PLAYER_RADIUS } from "../constants.js";
import { traceShot } from "./shot.js";

describe("traceShot", () => {
  it("hits a body straight ahead", () => {
    const r = traceShot(100, 100, 0, ARENA, [{ id: "t", x: 180, y: 100 }]);
    expect(r.hitId).toBe("t");
    expect(r.endX).toBeCloseTo(180 - PLAYER_RADIUS, 6);
  });

  it("misses a body just beyond the radius and stops at the outer wall", () => {
    const r = traceShot(100, 100, 0, ARENA, [{ id: "t", x: 180, y: 100 + PLAYER_RADIUS + 0.5 }]);
    expect(r.hitId).toBeNull();
    expect(r.endX).toBeCloseTo(ARENA.width - 24, 6);
  });

  it("is stopped by a wall between shooter and target", () => {
    // The centre block spans x 560–720 at y 370–430.
    const r = traceShot(500, 400, 0, ARENA, [{ id: "t", x: 800, y: 400 }]);
    expect(r.hitId).toBeNull();
    expect(r.endX).toBeCloseTo(560, 6);
  });

  it("picks the nearest of two bodies on the line", () => {
    const r = traceShot(100, 100, 0, ARENA, [{ id: "far", x: 400, y: 100 }, { id: "near", x: 200, y: 100 }]);
    expect(r.hitId).toBe("near");
  });

  it("ignores bodies behind the shooter", () => {
    const r = traceShot(300, 100, 0, ARENA, [{ id: "behind", x: 200, y: 100 }]);
    expect(r.hitId).toBeNull();
  });
});
