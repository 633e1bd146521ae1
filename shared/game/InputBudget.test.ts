import { describe, expect, it } from "vitest";
import { DEFAULT_TIMINGS } from "../constants.js";
import { ARENA } from "../arena.js";
import { Player, ArenaState } from "../schema.js";
import { ArenaGame, type Command, type InputQueue } from "./ArenaGame.js";
import { InputBudget } from "./InputBudget.js";

const LIMITS = DEFAULT_TIMINGS;
const RUN: Command = { moveX: 1, moveY: 0, aim: 0, fire: false };

class Queue implements InputQueue {
  items: Command[] = [];
  get size(): number {
    return this.items.length;
  }
  next(): Command | undefined {
    return this.items.shift();
  }
}

/** A game with one player "p" far from walls, and its input queue. */
function oneRunner() {
  const state = new ArenaState();
  const game = new ArenaGame<Player>({
    players: state.players, newPlayer: () => new Player(), arena: ARENA, damage: true,
    tickRate: DEFAULT_TIMINGS.tickRate, inputBudget: LIMITS,
    locateTarget: (_s, t) => t, events: { onShot() {}, onFrag() {} },
  });
  const p = game.addPlayer("p", "P");
  const queue = new Queue();
  const tick = () => game.tick((id) => (id === "p" ? queue : undefined), DEFAULT_TIMINGS.stepSeconds);
  return { p, queue, tick };
}

describe("InputBudget", () => {
  it("allows one step per tick, banks unspent ticks up to the catch-up allowance, never more", () => {
    const budget = new InputBudget(LIMITS);
    expect(budget.spend()).toBe(false);
    budget.earn();
    expect(budget.spend()).toBe(true);
    expect(budget.spend()).toBe(false);
    for (let i = 0; i < 100; i++) budget.earn();
    let spent = 0;
    while (budget.spend()) spent++;
    expect(spent).toBe(1 + LIMITS.inputCatchupTicks);
  });

  it("flags an overrun after two drops a tick for the overrun window, never for a stall's leftovers", () => {
    const budget = new InputBudget(LIMITS);
    for (let i = 1; i < LIMITS.inputOverrunTicks; i++) expect(budget.recordDropped(2)).toBe(false);
    expect(budget.recordDropped(2)).toBe(true);
    const honest = new InputBudget(LIMITS);
    expect(honest.recordDropped(20)).toBe(false); // leftovers of a stall longer than the allowance
    for (let i = 0; i < LIMITS.inputOverrunTicks * 4; i++) expect(honest.recordDropped(i % 2)).toBe(false);
  });
});

describe("ArenaGame.tick: the real-time input budget", () => {
  it("an honest client (one input per tick) has every input applied at once", () => {
    const { queue, tick } = oneRunner();
    for (let i = 0; i < 60; i++) {
      queue.items.push(RUN);
      expect(tick()).toMatchObject({ applied: 1, dropped: 0 });
    }
  });

  it("a burst held up by a 400 ms stall is applied at once, with nothing dropped", () => {
    const { queue, tick } = oneRunner();
    const stallTicks = LIMITS.inputCatchupTicks; // 400 ms at 30 Hz
    for (let i = 0; i < stallTicks; i++) expect(tick().applied).toBe(0);
    for (let i = 0; i <= stallTicks; i++) queue.items.push(RUN);
    expect(tick()).toMatchObject({ applied: stallTicks + 1, dropped: 0 });
    queue.items.push(RUN);
    expect(tick()).toMatchObject({ applied: 1, dropped: 0 });
  });

  it("3 or 10 inputs per tick move the player no faster than 1 per tick, drop the rest, and end in an overrun", () => {
    for (const perTick of [3, 10]) {
      const { p, queue, tick } = oneRunner();
      const honest = oneRunner();
      let applied = 0;
      let overrunAt = -1;
      for (let t = 0; t < DEFAULT_TIMINGS.inputOverrunTicks + 2 * LIMITS.inputCatchupTicks && overrunAt < 0; t++) {
        for (let i = 0; i < perTick; i++) queue.items.push(RUN);
        honest.queue.items.push(RUN);
        honest.tick();
        const report = tick();
        applied += report.applied;
        if (report.overrun.includes("p")) overrunAt = t;
        expect(applied).toBeLessThanOrEqual(t + 1);
        expect(queue.size).toBeLessThanOrEqual(LIMITS.inputCatchupTicks);
      }
      // Closed in the end: three a tick after the whole overrun window, ten a tick sooner.
      expect(overrunAt).toBeGreaterThan(0);
      if (perTick === 3) expect(overrunAt).toBeGreaterThanOrEqual(DEFAULT_TIMINGS.inputOverrunTicks - 1);
      // Same distance as an honest runner over the same ticks.
      expect(p.x).toBe(honest.p.x);
    }
  });
});
