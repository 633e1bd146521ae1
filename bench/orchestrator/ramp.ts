// Bench (orchestrator): the ramp: add rooms of moving, firing clients step by step until one of
// the limits breaks; the last step within all limits gives the maximum clients per core.

import { setTimeout as sleep } from "node:timers/promises";
import { PATCH_MS } from "../../shared/constants.js";
import { isDisturbed, metricsOf, type Metrics } from "./metrics.js";
import { CONNECT_CONCURRENCY, RAMP_LIMITS, type RampScenario } from "./plan.js";
import { connectTimeoutMs, openSession, type RunContext, type RunRecord } from "./runner.js";
import type { Session, WindowSample } from "./session.js";
import { profileFromWindow } from "./trafficProfile.js";
import { spread } from "../common/stats.js";
import type { Variant } from "../common/variants.js";

export interface RampStep {
  rooms: number;
  /** rooms × clients per room (what the step asked for). */
  plannedClients: number;
  clients: number;
  metrics: Metrics;
  /** Limits this step broke (empty: within all). */
  broken: string[];
  disturbed: boolean;
}

export interface RampResult {
  steps: RampStep[];
  /** Clients at the last step within all limits (0 if the first step broke one). */
  maxClients: number;
  /** What ended the ramp. */
  endedBy: string;
  /** The load generator was near saturation when the ramp ended: the figure is a lower bound. */
  loadLimited: boolean;
}

/** Which limits a step breaks; `baseline`: updates per client-second at light load (NaN: not known yet). */
export function brokenLimits(m: Metrics, baseline: number): string[] {
  const broken: string[] = [];
  if (m.serverCpuPct > RAMP_LIMITS.cpuPct) broken.push(`server CPU ${m.serverCpuPct.toFixed(0)} % > ${RAMP_LIMITS.cpuPct} %`);
  if (m.updatesPerClientSec < RAMP_LIMITS.updatesShare * baseline) {
    broken.push(`updates ${m.updatesPerClientSec.toFixed(2)}/s < ${(RAMP_LIMITS.updatesShare * 100).toFixed(0)} % of ${baseline.toFixed(2)}/s`);
  }
  if (m.tickP99Ms > RAMP_LIMITS.tickP99Ms) broken.push(`tick p99 ${m.tickP99Ms.toFixed(1)} ms > ${RAMP_LIMITS.tickP99Ms.toFixed(1)} ms`);
  if (m.loopDelayP99Ms > RAMP_LIMITS.loopDelayP99Ms) broken.push(`event-loop delay p99 ${m.loopDelayP99Ms.toFixed(1)} ms > ${RAMP_LIMITS.loopDelayP99Ms} ms`);
  return broken;
}

async function measureStep(session: Session, windowMs: number): Promise<{ window: WindowSample; metrics: Metrics }> {
  await session.mark();
  await sleep(windowMs);
  const window = await session.measure();
  return { window, metrics: metricsOf(window) };
}

/**
 * The update rate the ramp compares against: the median of what the first `count` steps (light
 * load) delivered, at most the patch rate (Colyseus' separate patch timer skips ~1 % of patches
 * even unloaded; a lucky window must not raise the bar). NaN until `count` steps are measured.
 */
export function baselineUpdates(steps: readonly RampStep[], current: Metrics, count: number): number {
  const rates = [...steps.map((s) => s.metrics.updatesPerClientSec), current.updatesPerClientSec].slice(0, count);
  return rates.length < count ? NaN : Math.min(spread(rates).median, 1000 / PATCH_MS);
}

/** Rooms to add after a step at `rooms` that used `cpuPct` % of the server's core: grow by the
 *  scenario's share while the grown step would stay under the fine threshold, then fine steps. */
export function nextStepRooms(rooms: number, cpuPct: number, scenario: Pick<RampScenario, "growth" | "fineAbovePct" | "fineStepRooms">): number {
  const grown = Math.max(1, Math.round(rooms * scenario.growth));
  const predictedPct = (cpuPct * (rooms + grown)) / rooms;
  return predictedPct > scenario.fineAbovePct ? scenario.fineStepRooms : Math.max(scenario.fineStepRooms, grown);
}

export async function runRamp(scenario: RampScenario, variant: Variant, ctx: RunContext): Promise<Partial<RunRecord>> {
  const started = performance.now();
  const session = await openSession(scenario, variant, ctx);
  const steps: RampStep[] = [];
  let first: WindowSample | undefined;
  let firstJoin: number[] = [];
  let endedBy = "room cap";
  try {
    let rooms = 0;
    let target = scenario.startRooms;
    while (target <= scenario.maxRooms) {
      if (performance.now() - started > scenario.maxMs) {
        endedBy = "time cap";
        break;
      }
      const added = target - rooms;
      const connect = await session.connect({
        variant, firstRoom: rooms, rooms: added, perRoom: scenario.perRoom, moving: true,
        probes: rooms === 0 && variant !== "raw" ? 1 : 0, concurrency: CONNECT_CONCURRENCY, seed: ctx.seed,
        profile: variant === "raw" ? ctx.profile : undefined,
      }, connectTimeoutMs(added * scenario.perRoom));
      if (rooms === 0) firstJoin = connect.joinMessages;
      rooms = target;
      await sleep(scenario.settleMs);
      let { window, metrics } = await measureStep(session, scenario.windowMs);
      let broken = brokenLimits(metrics, baselineUpdates(steps, metrics, scenario.baselineSteps));
      // Timer jitter and other processes can spoil a short window: a limit other than CPU counts
      // as broken only when a window three times longer at the same load breaks it too.
      if (broken.length > 0 && !broken.some((b) => b.startsWith("server CPU"))) {
        ctx.say(`    step ${steps.length + 1}: ${broken.join(", ")}: measuring again, longer`);
        ({ window, metrics } = await measureStep(session, 3 * scenario.windowMs));
        broken = brokenLimits(metrics, baselineUpdates(steps, metrics, scenario.baselineSteps));
      }
      first ??= window;
      if (connect.failed > 0) broken.push(`${connect.failed} joins failed (${connect.errors[0] ?? "?"})`);
      steps.push({ rooms, plannedClients: rooms * scenario.perRoom, clients: metrics.clients, metrics, broken, disturbed: isDisturbed(metrics) });
      ctx.say(`    step ${steps.length}: ${metrics.clients} clients · server ${metrics.serverCpuPct.toFixed(0)} % · load ${metrics.loadCpuPct.toFixed(0)} % · updates ${metrics.updatesPerClientSec.toFixed(2)}/s · tick p99 ${metrics.tickP99Ms.toFixed(1)} ms${broken.length ? ` · limit: ${broken.join(", ")}` : ""}`);
      if (broken.length > 0) {
        endedBy = broken.join("; ");
        break;
      }
      target = rooms + nextStepRooms(rooms, metrics.serverCpuPct, scenario);
    }
  } finally {
    await session.close();
  }
  const within = steps.filter((s) => s.broken.length === 0);
  const last = within.at(-1);
  const final = steps.at(-1);
  const result: RampResult = {
    steps,
    maxClients: last?.clients ?? 0,
    endedBy,
    loadLimited: (final?.metrics.loadCpuPct ?? 0) > RAMP_LIMITS.loadCpuPct,
  };
  return {
    ok: steps.length > 0,
    ramp: result,
    metrics: last?.metrics ?? final?.metrics,
    // The result rests on the last step within the limits and the one that broke them.
    disturbed: Boolean(last?.disturbed || final?.disturbed),
    profile: variant === "skirmish" && first ? profileFromWindow(first.load, firstJoin, "Skirmish, ramp (first step)") : variant === "raw" ? ctx.profile : undefined,
  };
}
