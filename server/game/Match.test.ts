import { describe, expect, it } from "vitest";
import { TICK_RATE } from "../../shared/constants.js";
import type { MatchPhase } from "../../shared/protocol.js";
import { Match } from "./Match.js";

const TIMING = { tickRate: TICK_RATE, countdownSeconds: 3, matchSeconds: 180, resultsSeconds: 8, fragLimit: 20 };

function recorder() {
  const log: string[] = [];
  const match = new Match(TIMING, {
    onStart: (n) => log.push(`start ${n}`),
    onEnd: (n, reason) => log.push(`end ${n} ${reason}`),
    onPhase: (p: MatchPhase) => log.push(p),
  });
  return { match, log };
}

function run(match: Match, seconds: number, players: number, topFrags = 0): void {
  for (let i = 0; i < seconds * TICK_RATE; i++) match.tick(players, topFrags);
}

describe("Match", () => {
  it("waits for two players, counts down, plays the full time, shows results, starts the next", () => {
    const { match, log } = recorder();
    run(match, 60, 1);
    expect(match.phase).toBe("waiting");
    match.tick(2, 0);
    expect(match.phase).toBe("countdown");
    run(match, 2.9, 2);
    expect(match.phase).toBe("countdown");
    run(match, 0.2, 2);
    expect(match.phase).toBe("playing");
    run(match, 179.8, 2);
    expect(match.phase).toBe("playing");
    run(match, 0.3, 2);
    expect(match.phase).toBe("results");
    run(match, 8, 2);
    expect(match.phase).toBe("countdown");
    run(match, 3, 2);
    expect(match.number).toBe(2);
    expect(log).toEqual([
      "countdown", "start 1", "playing", "end 1 time", "results", "countdown", "start 2", "playing",
    ]);
  });

  it("ends early at the frag limit", () => {
    const { match, log } = recorder();
    run(match, 4, 2);
    run(match, 10, 2, 19);
    expect(match.phase).toBe("playing");
    match.tick(2, 20);
    expect(match.phase).toBe("results");
    expect(log).toContain("end 1 frags");
  });

  it("goes back to waiting when a player leaves during the countdown or the results", () => {
    const { match } = recorder();
    run(match, 1, 2);
    run(match, 1, 1);
    expect(match.phase).toBe("waiting");
    run(match, 4, 2);
    match.tick(2, 20);
    expect(match.phase).toBe("results");
    run(match, 8, 1);
    expect(match.phase).toBe("waiting");
  });

  it("does not count frags on the results screen", () => {
    const { match } = recorder();
    expect(match.scoring).toBe(true);
    run(match, 4, 2);
    match.tick(2, 20);
    expect(match.scoring).toBe(false);
  });

  it("says exactly when a tick would change the phase (what lets an idle room rest)", () => {
    // Walk every phase with changing players and frags; before each tick, ask, then tick and compare.
    const { match, log } = recorder();
    const schedule = (t: number): [number, number] => [t < 100 ? 1 : t % 2000 < 1990 ? 2 : 1, t > 3000 && t < 3200 ? 20 : 0];
    let changes = 0;
    for (let t = 0; t < 12_000; t++) {
      const [players, frags] = schedule(t);
      const predicted = match.changesNextTick(players, frags);
      const before = log.length;
      match.tick(players, frags);
      expect(log.length > before, `tick ${t}: ${match.phase}`).toBe(predicted);
      if (predicted) changes++;
    }
    expect(changes).toBeGreaterThanOrEqual(8);
  });
});
