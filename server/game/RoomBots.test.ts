import { describe, expect, it } from "vitest";
import { ARENA } from "../../shared/arena.js";
import { DEFAULT_TIMINGS, PLAYER_MAX_SPEED, STEP_SECONDS } from "../../shared/constants.js";
import { ArenaGame, type InputQueue } from "../../shared/game/ArenaGame.js";
import { ArenaState, Player } from "../../shared/schema.js";
import { RoomBots } from "./RoomBots.js";
import { Seats } from "./Seats.js";

function room(options: { fillTo?: number; requested?: number; maxPlayers?: number } = {}) {
  const state = new ArenaState();
  const events: string[] = [];
  const game = new ArenaGame<Player>({
    players: state.players, newPlayer: () => new Player(), arena: ARENA, damage: true, tickRate: DEFAULT_TIMINGS.tickRate,
    inputBudget: DEFAULT_TIMINGS, locateTarget: (_shooter, target) => target,
    events: { onShot: () => undefined, onFrag: (f) => events.push(`frag ${f.killer}>${f.victim}`) },
  });
  const seats = new Seats({ state, game, maxPlayers: options.maxPlayers ?? 8, maxSpectators: 8 });
  const bots = new RoomBots({
    seats, players: state.players, arena: ARENA, stepMs: DEFAULT_TIMINGS.stepMs,
    fillTo: options.fillTo ?? 0, requested: options.requested, difficulty: "hard", seed: 5,
    events: { botJoined: (id) => events.push(`+${id}`), botLeaving: (id) => events.push(`-${id}`) },
  });
  const none = (): InputQueue | undefined => undefined;
  const tick = () => {
    bots.think();
    return game.tick((id) => bots.queueOf(id) ?? none(), STEP_SECONDS);
  };
  const join = (id: string) => {
    bots.rebalance(1);
    seats.seatPlayer(id, id);
  };
  const leave = (id: string) => {
    bots.release(id);
    seats.remove(id);
    bots.rebalance();
  };
  return { state, game, seats, bots, events, tick, join, leave };
}

describe("RoomBots", () => {
  it("tops a quick-play room up to the minimum, gives a seat to each arriving person, leaves with the last person", () => {
    const r = room({ fillTo: 4 });
    r.bots.rebalance();
    expect(r.bots.count).toBe(0); // nobody to play with yet
    r.join("p1");
    expect(r.seats.people).toBe(1);
    expect(r.bots.count).toBe(3);
    expect([...r.state.players.values()].filter((p) => p.bot)).toHaveLength(3);
    r.join("p2");
    expect(r.bots.count).toBe(2);
    r.join("p3");
    r.join("p4");
    r.join("p5");
    expect(r.bots.count).toBe(0);
    r.leave("p5");
    r.leave("p4");
    r.leave("p3");
    expect(r.bots.count).toBe(2);
    r.leave("p2");
    r.leave("p1");
    expect(r.bots.count).toBe(0);
    expect(r.state.players.size).toBe(0);
  });

  it("keeps a requested number of bots, giving seats up only when the room is full", () => {
    const r = room({ fillTo: 4, requested: 6, maxPlayers: 8 });
    r.join("p1");
    expect(r.bots.count).toBe(6); // requested wins over the top-up
    r.join("p2");
    expect(r.bots.count).toBe(6);
    expect(r.seats.refusal(false)).toBeUndefined(); // bots' seats are free for people
    r.join("p3");
    expect(r.bots.count).toBe(5);
    expect(r.state.players.size).toBe(8);
  });

  it("adds and removes on request, refusing a full room or no bot, changing nothing then", () => {
    const r = room({ maxPlayers: 3 });
    r.join("p1");
    expect(r.bots.request(-1)).toBe("no_bots");
    expect(r.bots.request(1)).toBeUndefined();
    expect(r.bots.request(1)).toBeUndefined();
    expect(r.bots.request(1)).toBe("room_full");
    expect(r.bots.count).toBe(2);
    expect(r.bots.request(-1)).toBeUndefined();
    expect(r.bots.count).toBe(1);
    r.bots.setDifficulty("easy");
    expect(r.bots.difficulty).toBe("easy");
  });

  it("bots move within the real-time budget: one input a tick, none dropped, never faster than top speed", () => {
    const r = room({ requested: 5 });
    r.join("p1");
    r.game.startMatch();
    let last = new Map([...r.state.players].map(([id, p]) => [id, { x: p.x, y: p.y, alive: p.alive }]));
    // Positions sit on the wire's 1/32 px grid: a diagonal step may round up by up to √2/32 px.
    const grid = Math.SQRT2 / 32;
    let moved = 0;
    for (let i = 0; i < 30 * 20; i++) {
      const report = r.tick();
      expect(report.dropped).toBe(0);
      expect(report.overrun).toEqual([]);
      expect(report.applied).toBe(5); // one input per bot per tick; the person sent none
      for (const [id, p] of r.state.players) {
        const before = last.get(id)!;
        const step = Math.hypot(p.x - before.x, p.y - before.y);
        if (before.alive && p.alive && step < 96) expect(step).toBeLessThanOrEqual(PLAYER_MAX_SPEED * STEP_SECONDS + grid);
        if (step > 0) moved++;
      }
      last = new Map([...r.state.players].map(([id, p]) => [id, { x: p.x, y: p.y, alive: p.alive }]));
    }
    expect(moved).toBeGreaterThan(1000);
    // Bots fight: in 20 s of five hard bots, somebody gets fragged.
    expect(r.events.some((e) => e.startsWith("frag bot"))).toBe(true);
  });

  it("stands in for a dropped person on their own record and hands it back where it is", () => {
    const r = room();
    r.join("p1");
    r.join("p2");
    r.game.startMatch();
    const p1 = r.state.players.get("p1")!;
    p1.frags = 3;
    const start = { x: p1.x, y: p1.y };
    r.bots.standIn("p1");
    expect(p1.standIn).toBe(true);
    expect(r.bots.drives("p1")).toBe(true);
    for (let i = 0; i < 60; i++) r.tick();
    expect(Math.hypot(p1.x - start.x, p1.y - start.y)).toBeGreaterThan(20);
    r.bots.release("p1");
    expect(p1.standIn).toBe(false);
    expect(r.bots.drives("p1")).toBe(false);
    const held = { x: p1.x, y: p1.y };
    r.tick(); // no input from anyone: p1 only glides to a stop
    expect(Math.hypot(p1.x - held.x, p1.y - held.y)).toBeLessThanOrEqual(PLAYER_MAX_SPEED * STEP_SECONDS);
    expect(p1.frags).toBeGreaterThanOrEqual(3);
    expect(p1.bot).toBe(false);
  });
});
