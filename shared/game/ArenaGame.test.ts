import { describe, expect, it } from "vitest";
import { ARENA } from "../arena.js";
import {
  BLASTER_COOLDOWN_SECONDS, BLASTER_DAMAGE, DEFAULT_TIMINGS, MAX_HEALTH, RESPAWN_SECONDS, SPAWN_PROTECTION_SECONDS, STEP_SECONDS, TICK_RATE,
} from "../constants.js";
import type { FragEvent, ShotEvent } from "../protocol.js";
import { ArenaState, Player } from "../schema.js";
import { ArenaGame } from "./ArenaGame.js";

const BLASTER_COOLDOWN_TICKS = BLASTER_COOLDOWN_SECONDS * TICK_RATE;
const RESPAWN_TICKS = RESPAWN_SECONDS * TICK_RATE;
const SPAWN_PROTECTION_TICKS = SPAWN_PROTECTION_SECONDS * TICK_RATE;
const BUDGET = DEFAULT_TIMINGS;

function setup(damage = true) {
  const state = new ArenaState();
  const shots: ShotEvent[] = [];
  const frags: FragEvent[] = [];
  const game = new ArenaGame<Player>({
    players: state.players, newPlayer: () => new Player(), arena: ARENA, damage, tickRate: TICK_RATE, inputBudget: BUDGET,
    locateTarget: (_shooter, target) => target,
    events: { onShot: (e) => shots.push(e), onFrag: (e) => frags.push(e) },
  });
  const a = game.addPlayer("a", "Alpha");
  const b = game.addPlayer("b", "Bravo");
  // Face each other on the open top row, past spawn protection.
  a.x = 300; a.y = 100;
  b.x = 500; b.y = 100;
  for (let i = 0; i < SPAWN_PROTECTION_TICKS; i++) game.endTick();
  return { state, game, a, b, shots, frags };
}

/** Hold the trigger for `ticks` steps, aiming right (angle 0). */
function holdFire(game: ArenaGame<Player>, ticks: number): void {
  for (let i = 0; i < ticks; i++) {
    game.applyInput("a", { moveX: 0, moveY: 0, aim: 0, fire: true }, STEP_SECONDS);
    game.endTick();
  }
}

describe("ArenaGame rules", () => {
  it("spawns players with full health, spread over the spawn points", () => {
    const state = new ArenaState();
    const game = new ArenaGame<Player>({ players: state.players, newPlayer: () => new Player(), arena: ARENA, damage: true, tickRate: TICK_RATE, inputBudget: BUDGET, locateTarget: (_s, t) => t, events: { onShot() {}, onFrag() {} } });
    const a = game.addPlayer("a", "Alpha");
    const b = game.addPlayer("b", "Bravo");
    expect(a).toMatchObject({ health: MAX_HEALTH, alive: true, frags: 0, deaths: 0, shield: SPAWN_PROTECTION_TICKS });
    expect(ARENA.spawns).toContainEqual({ x: a.x, y: a.y });
    expect(ARENA.spawns).toContainEqual({ x: b.x, y: b.y });
    expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThan(800); // farthest spawn
  });

  it("a hit lowers health; four hits frag: killer +1 frag, victim +1 death, down", () => {
    const { game, a, b, shots, frags } = setup();
    holdFire(game, 1);
    expect(shots).toHaveLength(1);
    expect(shots[0]).toMatchObject({ by: "a", hit: "b" });
    expect(b.health).toBe(MAX_HEALTH - BLASTER_DAMAGE);
    holdFire(game, 3 * BLASTER_COOLDOWN_TICKS);
    expect(shots).toHaveLength(4);
    expect(frags).toEqual([{ killer: "a", victim: "b" }]);
    expect(a.frags).toBe(1);
    expect(b).toMatchObject({ deaths: 1, alive: false, health: 0 });
  });

  it("the victim respawns RESPAWN_TICKS ticks after the frag, at a spawn point, with full health", () => {
    const { game, b } = setup();
    let ticksSinceFrag = -1;
    for (let i = 0; i < 100 && b.alive; i++) {
      game.applyInput("a", { moveX: 0, moveY: 0, aim: 0, fire: true }, STEP_SECONDS);
      if (!b.alive) ticksSinceFrag = 0;
      game.endTick();
    }
    expect(ticksSinceFrag).toBe(0);
    ticksSinceFrag = 1;
    while (!b.alive && ticksSinceFrag < 10 * RESPAWN_TICKS) {
      game.endTick();
      ticksSinceFrag++;
    }
    expect(ticksSinceFrag).toBe(RESPAWN_TICKS);
    expect(b).toMatchObject({ alive: true, health: MAX_HEALTH, shield: SPAWN_PROTECTION_TICKS });
    expect(ARENA.spawns).toContainEqual({ x: b.x, y: b.y });
  });

  it("walls stop shots", () => {
    const { game, a, b, shots } = setup();
    // Same row, the centre block (x 560–720, y 370–430) between them.
    a.x = 450; a.y = 400;
    b.x = 800; b.y = 400;
    holdFire(game, 1);
    expect(shots.at(-1)).toMatchObject({ hit: "" });
    expect(shots.at(-1)!.ex).toBeCloseTo(560, 6);
    expect(b.health).toBe(MAX_HEALTH);
  });

  it("spawn protection: a fresh player takes no damage", () => {
    const { game, b } = setup();
    b.shield = 5;
    holdFire(game, 1);
    expect(b.health).toBe(MAX_HEALTH);
  });

  it("with damage off (netcode experiments) hits register but nobody is hurt", () => {
    const { game, b, shots } = setup(false);
    holdFire(game, 1);
    expect(shots[0].hit).toBe("b");
    expect(b.health).toBe(MAX_HEALTH);
  });

  it("a tick at rest is the tick it stands for: same players, same budgets after", () => {
    // Two games fed the same inputs with quiet stretches; one rests whenever nothing can happen.
    const play = (resting: boolean) => {
      const { state, game } = setup();
      const queue: Array<{ moveX: number; moveY: number; aim: number; fire: boolean }> = [];
      const inputsOf = (id: string) => (id === "a" ? { get size() { return queue.length; }, next: () => queue.shift() } : undefined);
      let rested = 0;
      const trace: string[] = [];
      for (let t = 0; t < 600; t++) {
        // Active, then quiet, then a burst (the banked budget decides how much of it moves).
        if (t < 100 || t > 400) queue.push({ moveX: 1, moveY: t % 3 - 1, aim: 0, fire: t % 7 === 0 });
        if (t === 300) for (let k = 0; k < 30; k++) queue.push({ moveX: -1, moveY: 0, aim: 0, fire: false });
        // A player joins during the quiet stretch: its spawn protection counts down at rest.
        if (t === 200) game.addPlayer("c", "late");
        if (resting && queue.length === 0 && game.atRest()) {
          game.rest();
          rested++;
        } else {
          const report = game.tick(inputsOf, STEP_SECONDS);
          trace.push(`${t}: applied ${report.applied} dropped ${report.dropped}`);
        }
        const a = state.players.get("a")!;
        const c = state.players.get("c");
        trace.push(`${t}: ${a.x},${a.y} ${a.health} ${a.shield} ${c ? `${c.x},${c.y} ${c.shield}` : "-"}`);
      }
      return { players: JSON.stringify(state.players.toJSON()), trace: trace.filter((line) => !line.includes("applied 0 dropped 0")), rested };
    };
    const ticked = play(false);
    const rested = play(true);
    expect(rested.rested).toBeGreaterThan(150);
    expect(rested.trace).toEqual(ticked.trace);
    expect(rested.players).toBe(ticked.players);
  });
});
