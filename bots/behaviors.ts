// Bots: what a headless player does each frame: idle, wander, or fight. The decisions are the
// server's room bots' own (shared/bots/BotBrain.ts), fed from what the session shows.

import type { Controller } from "../client/net/headlessLoop.js";
import { IDLE } from "../client/net/headlessLoop.js";
import type { Controls, PlayerView } from "../client/net/GameSession.js";
import { ARENA } from "../shared/arena.js";
import { BotBrain, type BotDifficulty, type BotOpponent } from "../shared/bots/BotBrain.js";

export const BEHAVIORS = {
  idle: "stand still (still sends an input every step)",
  wander: "walk between random points around the walls",
  fight: "wander, and aim at and shoot the nearest visible opponent",
} as const;
export type BehaviorName = keyof typeof BEHAVIORS;

/** How good a fighting headless bot is (quick reactions, small aim error: good, not perfect). */
const HEADLESS_DIFFICULTY: BotDifficulty = "hard";

export function makeBehavior(name: BehaviorName, seed: number): Controller {
  if (name === "idle") return () => IDLE;
  const brain = new BotBrain({ arena: ARENA, difficulty: HEADLESS_DIFFICULTY, seed, fight: name === "fight" });
  const controls: Controls = { moveX: 0, moveY: 0, aim: 0, fire: false };
  const body = { x: 0, y: 0, alive: false };
  return (session, now) => {
    const me = session.predictedState();
    if (!me || !me.alive) return IDLE;
    body.x = me.x;
    body.y = me.y;
    body.alive = me.alive;
    // Opponents as drawn (interpolated), the own player excluded by isSelf.
    return brain.decide(body, "", opponentsOf(session.players()), now, controls);
  };
}

function* opponentsOf(players: PlayerView[]): Iterable<BotOpponent> {
  for (const p of players) if (!p.isSelf) yield p;
}
