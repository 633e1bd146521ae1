// Bench (orchestrator): what a server bot costs by itself, in this process: a room's rules
// (ArenaGame) with 2 people who send nothing and 6 bots (RoomBots), ticked for a few minutes of
// game time, CPU time per bot-second. The whole-server difference in botCost.ts includes what bots
// add to patches and events; this figure is the bot's own decision and step, without that noise.

import { ARENA } from "../../shared/arena.js";
import { DEFAULT_TIMINGS, STEP_SECONDS, TICK_RATE } from "../../shared/constants.js";
import { ArenaGame } from "../../shared/game/ArenaGame.js";
import { ArenaState, Player } from "../../shared/schema.js";
import { RoomBots } from "../../server/game/RoomBots.js";
import { Seats } from "../../server/game/Seats.js";

export interface BotStepFigures {
  /** CPU per bot-second, ms: the decision alone, and the decision plus the rules' tick. */
  decideMsPerBotSec: number;
  decideAndStepMsPerBotSec: number;
}

const BOTS = 6;
/** Game time measured (after as much again to warm up), s. */
const SECONDS = 300;

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

export function measureBotStep(): BotStepFigures {
  const state = new ArenaState();
  const game = new ArenaGame<Player>({
    players: state.players, newPlayer: () => new Player(), arena: ARENA, damage: true, tickRate: TICK_RATE,
    inputBudget: DEFAULT_TIMINGS, locateTarget: (_shooter, target) => target, events: { onShot: () => undefined, onFrag: () => undefined },
  });
  const seats = new Seats({ state, game, maxPlayers: 8, maxSpectators: 0 });
  const bots = new RoomBots({
    seats, players: state.players, arena: ARENA, stepMs: DEFAULT_TIMINGS.stepMs, fillTo: 0, requested: BOTS,
    difficulty: "normal", seed: 1, events: { botJoined: () => undefined, botLeaving: () => undefined },
  });
  seats.seatPlayer("p1", "p1");
  seats.seatPlayer("p2", "p2");
  bots.rebalance();
  game.startMatch();
  const ticks = SECONDS * TICK_RATE;
  for (let i = 0; i < ticks; i++) {
    bots.think();
    game.tick(bots.queueOf, STEP_SECONDS);
  }
  const t0 = cpuMs();
  for (let i = 0; i < ticks; i++) bots.think();
  const t1 = cpuMs();
  for (let i = 0; i < ticks; i++) {
    bots.think();
    game.tick(bots.queueOf, STEP_SECONDS);
  }
  const t2 = cpuMs();
  const botSeconds = BOTS * SECONDS;
  return { decideMsPerBotSec: (t1 - t0) / botSeconds, decideAndStepMsPerBotSec: (t2 - t1) / botSeconds };
}
