// Unit: what the player hears and sees for each event: a hit marker only on the server's
// verdict, the direction toward the shooter, frags, deaths, respawns, match phases, chat.

import { describe, expect, it } from "vitest";
import type { ShotEvent } from "../../../shared/protocol.js";
import { FeedbackDirector, LOW_HEALTH, type FeedbackOutput, type MatchState, type SelfState } from "./FeedbackDirector.js";

const ME = "me";

function recorder() {
  const log: string[] = [];
  const pans: number[] = [];
  const angles: number[] = [];
  const out: FeedbackOutput = {
    sound: (name, placement) => { log.push(`sound:${name}`); if (placement) pans.push(placement.pan); },
    hitMarker: () => log.push("marker"),
    hurt: (angle) => { log.push("hurt"); angles.push(angle); },
    notice: (text) => log.push(`notice:${text}`),
  };
  return { director: new FeedbackDirector(out), log, pans, angles };
}

function shot(by: string, hit: string, from = { x: 100, y: 400 }): ShotEvent {
  return { by, hit, ox: from.x, oy: from.y, ex: 600, ey: 400, tick: 1 };
}

const alive = (health = 100, x = 640, y = 400): SelfState => ({ x, y, alive: true, health, shielded: false });
const playing: MatchState = { phase: "playing", secondsLeft: 100 };

describe("FeedbackDirector", () => {
  it("plays the own shot when fired but marks a hit only when the server says so", () => {
    const { director, log } = recorder();
    director.localShot();
    expect(log).toEqual(["sound:ownShot"]);
    director.shot(shot(ME, ""), ME);
    expect(log).toEqual(["sound:ownShot"]);
    director.shot(shot(ME, "ben"), ME);
    expect(log).toEqual(["sound:ownShot", "marker", "sound:hitDealt"]);
  });

  it("places others' shots by where they were fired from, and points at the shooter when hit", () => {
    const { director, log, pans, angles } = recorder();
    director.frame(alive(100, 640, 400), playing);
    director.shot(shot("ben", "", { x: 100, y: 400 }), ME);
    director.shot(shot("ann", ME, { x: 1200, y: 400 }), ME);
    expect(pans[0]).toBeLessThan(0);
    expect(pans[1]).toBeGreaterThan(0);
    expect(log).toEqual(["sound:otherShot", "sound:otherShot", "hurt", "sound:hurt"]);
    expect(angles[0]).toBeCloseTo(0); // the shooter is straight to the right
    director.shot(shot("cid", ME, { x: 640, y: 50 }), ME);
    expect(angles[1]).toBeCloseTo(-Math.PI / 2); // straight up (y grows downward)
  });

  it("shows no damage for hits that deal none: spawn protection, the results screen", () => {
    const { director, log } = recorder();
    director.frame({ ...alive(), shielded: true }, playing);
    director.shot(shot("ann", ME), ME);
    director.frame(alive(), { phase: "results", secondsLeft: 5 });
    director.shot(shot("ann", ME), ME);
    expect(log).toEqual(["sound:otherShot", "sound:matchEnd", "sound:otherShot"]);
    director.frame(alive(), playing);
    director.shot(shot("ann", ME), ME);
    expect(log.slice(3)).toEqual(["sound:otherShot", "hurt", "sound:hurt"]);
  });

  it("announces own frags and deaths by name", () => {
    const { director, log } = recorder();
    const names: Record<string, string> = { ben: "Ben", ann: "Ann" };
    director.frag({ killer: ME, victim: "ben" }, ME, (id) => names[id]);
    director.frag({ killer: "ann", victim: ME }, ME, (id) => names[id]);
    director.frag({ killer: "ann", victim: "ben" }, ME, (id) => names[id]);
    expect(log).toEqual(["notice:You fragged Ben", "sound:frag", "notice:Ann fragged you", "sound:death"]);
  });

  it("plays respawn when the own player comes back, and warns once on low health", () => {
    const { director, log } = recorder();
    director.frame(alive(100), playing);
    director.frame(alive(LOW_HEALTH + 25), playing);
    expect(director.lowHealth).toBe(false);
    director.frame(alive(LOW_HEALTH), playing);
    director.frame(alive(LOW_HEALTH), playing);
    expect(director.lowHealth).toBe(true);
    director.frame({ ...alive(0), alive: false }, playing);
    expect(director.lowHealth).toBe(false);
    director.frame(alive(100), playing);
    expect(log).toEqual(["sound:lowHealth", "sound:respawn"]);
  });

  it("beeps each countdown second, then the start; the end after play; nothing for the state found on joining", () => {
    const { director, log } = recorder();
    director.frame(alive(), playing);
    expect(log).toEqual([]);
    director.frame(alive(), { phase: "results", secondsLeft: 8 });
    director.frame(alive(), { phase: "countdown", secondsLeft: 2.9 });
    director.frame(alive(), { phase: "countdown", secondsLeft: 2.5 });
    director.frame(alive(), { phase: "countdown", secondsLeft: 1.9 });
    director.frame(alive(), { phase: "countdown", secondsLeft: 0.4 });
    director.frame(alive(), { phase: "playing", secondsLeft: 180 });
    expect(log).toEqual(["sound:matchEnd", "sound:countdown", "sound:countdown", "sound:countdown", "sound:matchStart"]);
    director.reset();
    director.frame(alive(), { phase: "results", secondsLeft: 8 });
    expect(log).toHaveLength(5);
  });

  it("blips for others' chat lines and the room's, not for the own", () => {
    const { director, log } = recorder();
    director.chat({ kind: "player", from: ME, name: "Me", text: "hi" }, ME);
    director.chat({ kind: "player", from: "ben", name: "Ben", text: "hi" }, ME);
    director.chat({ kind: "system", from: "", name: "", text: "Ben joined" }, ME);
    expect(log).toEqual(["sound:chat", "sound:chat"]);
  });
});
