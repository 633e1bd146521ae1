// Bench (orchestrator): one run of one scenario against one variant: start the server and load
// children, connect the clients, measure, stop. Steady scenarios and the join storm here; the ramp
// in ramp.ts.

import type { WriteStream } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { Pinning } from "./children.js";
import type { ConnectResult, TrafficProfile } from "../common/contracts.js";
import { isDisturbed, metricsOf, type Metrics } from "./metrics.js";
import { CONNECT_CONCURRENCY, type Scenario, type ScenarioName, type SteadyScenario, type StormScenario } from "./plan.js";
import { Session, type WindowSample } from "./session.js";
import type { Percentiles } from "../common/stats.js";
import { STEP_MS } from "../../shared/constants.js";
import { profileFromWindow } from "./trafficProfile.js";
import type { Variant } from "../common/variants.js";
import type { RampResult } from "./ramp.js";
import { profileParts, readMainProfile } from "../report/profileParts.js";
import type { BotCostFigures } from "./botCost.js";

export interface StormFigures {
  joins: number;
  failed: number;
  errors: string[];
  rooms: number;
  durationMs: number;
  joinsPerSec: number;
  joinMs: Percentiles;
  /** Server CPU over the storm per join attempted (failed ones cost too), ms. */
  cpuMsPerJoin: number;
}

export interface RunRecord {
  scenario: ScenarioName;
  variant: Variant;
  rep: number;
  attempt: number;
  startedAt: string;
  durationMs: number;
  ok: boolean;
  error?: string;
  disturbed: boolean;
  /** Steady: the window; ramp: the last step within the limits; storm: the storm. */
  metrics?: Metrics;
  window?: WindowSample;
  connect?: ConnectResult;
  storm?: StormFigures;
  ramp?: RampResult;
  /** Bots scenario: a server bot's CPU next to a connected player's. */
  bots?: BotCostFigures;
  /** Skirmish: the traffic it produced; raw floor: the traffic it replayed. */
  profile?: TrafficProfile;
  /** With --profile: the server's CPU during the window by part, ms, and the room ticks it ran. */
  serverParts?: { busyMs: number; parts: Record<string, number>; roomTicks: number };
}

export interface RunContext {
  pinning: Pinning;
  log: WriteStream | undefined;
  seed: number;
  /** The raw floor's traffic (from this scenario's latest Skirmish run). */
  profile: TrafficProfile | undefined;
  profileDir?: string;
  /** One line of progress (stderr). */
  say(line: string): void;
}

/** Generous bound for connecting `clients`, ms. */
export function connectTimeoutMs(clients: number): number {
  return 30_000 + clients * 100;
}

export async function openSession(scenario: Scenario, variant: Variant, ctx: RunContext): Promise<Session> {
  return Session.open({ variant, roomSize: scenario.perRoom, profile: variant === "raw" ? ctx.profile : undefined }, ctx.pinning, ctx.log, ctx.profileDir);
}

export async function runSteady(scenario: SteadyScenario, variant: Variant, ctx: RunContext): Promise<Partial<RunRecord>> {
  const record = await measureSteady(scenario, variant, ctx);
  // The server wrote its profile when it exited (session closed): read the window's part of it.
  if (ctx.profileDir && record.window) record.serverParts = windowParts(join(ctx.profileDir, `server-${variant}`), record.window);
  return record;
}

function windowParts(dir: string, window: WindowSample): RunRecord["serverParts"] {
  const profile = readMainProfile(dir);
  if (!profile) return undefined;
  const { busyMs, parts } = profileParts(profile, window.server.fromMonoUs, window.server.toMonoUs);
  const ticksPerSecond = 1000 / STEP_MS;
  return { busyMs, parts, roomTicks: window.server.rooms * (window.wallMs / 1000) * ticksPerSecond };
}

async function measureSteady(scenario: SteadyScenario, variant: Variant, ctx: RunContext): Promise<Partial<RunRecord>> {
  const session = await openSession(scenario, variant, ctx);
  try {
    const clients = scenario.rooms * scenario.perRoom;
    const connect = await session.connect({
      variant, firstRoom: 0, rooms: scenario.rooms, perRoom: scenario.perRoom, moving: scenario.moving,
      probes: variant === "raw" ? 0 : scenario.probes, concurrency: CONNECT_CONCURRENCY, seed: ctx.seed,
      profile: variant === "raw" ? ctx.profile : undefined,
    }, connectTimeoutMs(clients));
    if (connect.joined === 0) throw new Error(`no client could join: ${connect.errors.join("; ")}`);
    await sleep(scenario.settleMs);
    await session.mark();
    await sleep(scenario.windowMs);
    const window = await session.measure();
    const metrics = metricsOf(window);
    return {
      ok: connect.failed === 0,
      error: connect.failed > 0 ? `${connect.failed} of ${clients} clients failed to join: ${connect.errors.join("; ")}` : undefined,
      metrics, window, connect, disturbed: isDisturbed(metrics),
      profile: variant === "skirmish" ? profileFromWindow(window.load, connect.joinMessages, `Skirmish, ${scenario.name}`) : variant === "raw" ? ctx.profile : undefined,
    };
  } finally {
    await session.close();
  }
}

export async function runStorm(scenario: StormScenario, variant: Variant, ctx: RunContext): Promise<Partial<RunRecord>> {
  const session = await openSession(scenario, variant, ctx);
  try {
    await sleep(500);
    await session.mark();
    const result = await session.storm({ variant, count: scenario.joins, concurrency: scenario.concurrency, seed: ctx.seed }, connectTimeoutMs(scenario.joins));
    const window = await session.measure();
    const metrics = metricsOf(window);
    const storm: StormFigures = {
      joins: result.joined,
      failed: result.failed,
      errors: result.errors,
      rooms: result.rooms,
      durationMs: result.durationMs,
      joinsPerSec: result.joined / (result.durationMs / 1000),
      joinMs: result.joinMs,
      cpuMsPerJoin: window.serverCpuMs / scenario.joins,
    };
    return {
      ok: result.failed === 0,
      error: result.failed > 0 ? `${result.failed} joins failed: ${result.errors.join("; ")}` : undefined,
      metrics, window, storm, disturbed: isDisturbed(metrics),
      profile: variant === "skirmish" ? profileFromWindow(window.load, result.joinMessages, "Skirmish, join-storm") : variant === "raw" ? ctx.profile : undefined,
    };
  } finally {
    await session.close();
  }
}
