// Bench (orchestrator): the bots scenario: what a server bot costs next to a connected player.
// Three sessions of the real Skirmish server, one after the other: rooms of `perRoom` moving
// clients with `botsPerRoom` bots each; the same rooms without bots; the same rooms filled with
// `roomSize` clients. A bot's cost is what the bots added over the bare rooms, per bot-second; a
// player's is what the extra clients added, per client-second (same seats, same match rules).

import { setTimeout as sleep } from "node:timers/promises";
import type { ConnectResult } from "../common/contracts.js";
import { isDisturbed, metricsOf, type Metrics } from "./metrics.js";
import { CONNECT_CONCURRENCY, type BotsScenario } from "./plan.js";
import type { RunContext, RunRecord } from "./runner.js";
import { connectTimeoutMs } from "./runner.js";
import { Session, type WindowSample } from "./session.js";
import { measureBotStep, type BotStepFigures } from "./botStep.js";

export interface BotCostFigures {
  bots: number;
  /** Extra clients in the comparison rooms (as many as the bots). */
  extraPlayers: number;
  /** Server CPU per second of wall time, ms/s: with bots, bare, full of clients. */
  cpuWithBots: number;
  cpuBare: number;
  cpuFull: number;
  /** Server CPU per bot-second and per added player-second, ms. */
  cpuMsPerBotSec: number;
  cpuMsPerPlayerSec: number;
  /** A bot's cost ÷ a connected player's (the target is ≤ 0.3). */
  botToPlayer: number;
  /** The bot's own decision and step, measured in-process (botStep.ts). */
  inProcess: BotStepFigures;
  /** That in-process cost ÷ a connected player's whole-server cost. */
  inProcessToPlayer: number;
}

interface Measured {
  window: WindowSample;
  metrics: Metrics;
  connect: ConnectResult;
}

async function measure(scenario: BotsScenario, ctx: RunContext, perRoom: number, botsPerRoom: number): Promise<Measured> {
  const session = await Session.open({ variant: "skirmish", roomSize: scenario.roomSize }, ctx.pinning, ctx.log);
  try {
    const connect = await session.connect({
      variant: "skirmish", firstRoom: 0, rooms: scenario.rooms, perRoom, moving: true, probes: 0,
      concurrency: CONNECT_CONCURRENCY, seed: ctx.seed, botsPerRoom,
    }, connectTimeoutMs(scenario.rooms * perRoom));
    if (connect.failed > 0) throw new Error(`${connect.failed} clients failed to join: ${connect.errors.join("; ")}`);
    await sleep(scenario.settleMs);
    await session.mark();
    await sleep(scenario.windowMs);
    const window = await session.measure();
    return { window, metrics: metricsOf(window), connect };
  } finally {
    await session.close();
  }
}

const cpuPerSecond = (w: WindowSample) => w.serverCpuMs / (w.wallMs / 1000);

export async function runBotCost(scenario: BotsScenario, ctx: RunContext): Promise<Partial<RunRecord>> {
  ctx.say(`  bots: ${scenario.rooms} rooms × ${scenario.perRoom} clients + ${scenario.botsPerRoom} bots`);
  const withBots = await measure(scenario, ctx, scenario.perRoom, scenario.botsPerRoom);
  ctx.say(`  bare: ${scenario.rooms} rooms × ${scenario.perRoom} clients`);
  const bare = await measure(scenario, ctx, scenario.perRoom, 0);
  ctx.say(`  full: ${scenario.rooms} rooms × ${scenario.roomSize} clients`);
  const full = await measure(scenario, ctx, scenario.roomSize, 0);
  const bots = scenario.rooms * scenario.botsPerRoom;
  const extraPlayers = scenario.rooms * (scenario.roomSize - scenario.perRoom);
  const [a, b, c] = [cpuPerSecond(withBots.window), cpuPerSecond(bare.window), cpuPerSecond(full.window)];
  const cpuMsPerBotSec = (a - b) / bots;
  const cpuMsPerPlayerSec = (c - b) / extraPlayers;
  const inProcess = measureBotStep();
  const figures: BotCostFigures = {
    bots, extraPlayers, cpuWithBots: a, cpuBare: b, cpuFull: c, cpuMsPerBotSec, cpuMsPerPlayerSec,
    botToPlayer: cpuMsPerBotSec / cpuMsPerPlayerSec,
    inProcess, inProcessToPlayer: inProcess.decideAndStepMsPerBotSec / cpuMsPerPlayerSec,
  };
  return {
    ok: true,
    metrics: withBots.metrics, window: withBots.window, connect: withBots.connect,
    disturbed: [withBots, bare, full].some((m) => isDisturbed(m.metrics)),
    bots: figures,
  };
}
