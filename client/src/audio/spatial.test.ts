// Unit: where a shot is heard: panned toward its side, quieter with distance, never silent.

import { describe, expect, it } from "vitest";
import { placeSound } from "./spatial.js";

describe("placeSound", () => {
  const me = { x: 640, y: 400 };

  it("pans by the side the sound is on", () => {
    expect(placeSound(me, { x: 200, y: 400 }).pan).toBeLessThan(-0.4);
    expect(placeSound(me, { x: 1100, y: 400 }).pan).toBeGreaterThan(0.4);
    expect(placeSound(me, { x: 640, y: 100 }).pan).toBe(0);
    expect(Math.abs(placeSound({ x: 30, y: 400 }, { x: 1250, y: 400 }).pan)).toBeLessThanOrEqual(0.8);
  });

  it("gets quieter with distance, full level up close, and stays audible across the arena", () => {
    const near = placeSound(me, { x: 700, y: 400 }).gain;
    const mid = placeSound(me, { x: 640 + 400, y: 400 }).gain;
    const far = placeSound({ x: 30, y: 30 }, { x: 1250, y: 770 }).gain;
    expect(near).toBe(1);
    expect(mid).toBeLessThan(near);
    expect(far).toBeLessThan(mid);
    expect(far).toBeGreaterThanOrEqual(0.15);
  });

  it("listens from the arena centre without an own player", () => {
    expect(placeSound(undefined, { x: 640, y: 400 })).toEqual({ pan: 0, gain: 1 });
  });
});
