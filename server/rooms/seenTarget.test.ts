// Where a shooter saw its target: Colyseus' own Rewind history, rewound and extrapolated the way
// the client drew it.

import { Rewind } from "@colyseus/core";
import { describe, expect, it } from "vitest";
import { EXTRAPOLATE_MAX_MS, PLAYER_MAX_SPEED } from "../../shared/constants.js";
import { Player } from "../../shared/schema.js";
import { locateSeen } from "./seenTarget.js";

const PATCH_MS = 1000 / 30;
const MAX_REWIND_MS = 750;

/** A target running right at full speed, recorded at every patch for 2 s. */
function history(): { rewind: Rewind; target: Player; xAt: (t: number) => number } {
  const target = new Player();
  // Rewind.get keys one history per room; a fresh key gives a fresh history.
  const rewind = Rewind.get({}, { maxRewindMs: MAX_REWIND_MS });
  rewind.attach(target, { fields: ["x", "y", "vx", "vy"], mode: "snapshot" });
  const xAt = (t: number) => 100 + (PLAYER_MAX_SPEED * t) / 1000;
  for (let i = 0; i <= 60; i++) {
    const t = i * PATCH_MS;
    target.x = xAt(t);
    target.y = 300;
    target.vx = PLAYER_MAX_SPEED;
    target.vy = 0;
    rewind.record(t, PATCH_MS);
  }
  // The live target has since turned around: a live read would be far off.
  target.vx = -PLAYER_MAX_SPEED;
  return { rewind, target, xAt };
}

describe("locateSeen", () => {
  it("rewinds to the stamped render time when the shooter's view was interpolated", () => {
    const { rewind, target, xAt } = history();
    const t = 40 * PATCH_MS + 10;
    const seen = locateSeen(rewind, t, { lead: 0 }, target, { x: 0, y: 0 });
    expect(seen.x).toBeCloseTo(xAt(t), 0);
    expect(seen.y).toBe(300);
  });

  it("extrapolates from the newest update the shooter had, by the lead it sent", () => {
    const { rewind, target } = history();
    const newest = 45 * PATCH_MS;
    const lead = 120;
    const seen = locateSeen(rewind, newest + lead, { lead }, target, { x: 0, y: 0 });
    // What the client drew: the sample at `newest` carried forward at its velocity.
    const atNewest = locateSeen(rewind, newest, { lead: 0 }, target, { x: 0, y: 0 });
    expect(seen.x).toBeCloseTo(atNewest.x + (PLAYER_MAX_SPEED * lead) / 1000, 3);
  });

  it("a picture held past EXTRAPOLATE_MAX_MS is read at the shooter's newest update, carried that far", () => {
    const { rewind, target, xAt } = history();
    const newest = 40 * PATCH_MS;
    const past = 400;
    const held = locateSeen(rewind, newest + past, { lead: past }, target, { x: 0, y: 0 });
    const atNewest = locateSeen(rewind, newest, { lead: 0 }, target, { x: 0, y: 0 });
    expect(held.x).toBeCloseTo(atNewest.x + (PLAYER_MAX_SPEED * EXTRAPOLATE_MAX_MS) / 1000, 3);
    expect(held.x).toBeLessThan(xAt(newest + past) - 10);
  });

  it("never rewinds past the cap", () => {
    const { rewind, target, xAt } = history();
    const last = 60 * PATCH_MS;
    const old = locateSeen(rewind, 1, { lead: 0 }, target, { x: 0, y: 0 });
    expect(old.x).toBeCloseTo(xAt(last - MAX_REWIND_MS), 0);
  });

  it("an unstamped shot is judged against the live position", () => {
    const { rewind, target } = history();
    expect(locateSeen(rewind, 0, { lead: 0 }, target, { x: 0, y: 0 })).toEqual({ x: target.x, y: target.y });
  });
});
