// Bench (report): the repetitions of each scenario and variant folded into median and min–max,
// and the ratios of Skirmish to each other variant.

import type { Metrics } from "../orchestrator/metrics.js";
import type { ScenarioName } from "../orchestrator/plan.js";
import type { RunRecord } from "../orchestrator/runner.js";
import { ratio, spread, type Spread } from "../common/stats.js";
import { VARIANT_ORDER, type Variant } from "../common/variants.js";

/** Figures that only some scenarios have (ramp, join storm). */
export interface ExtraFigures {
  maxClientsPerCore: Spread;
  joinsPerSec: Spread;
  joinP50Ms: Spread;
  joinP99Ms: Spread;
  cpuMsPerJoin: Spread;
  /** Bots scenario: server CPU per bot-second and per added player-second (ms), and their ratio. */
  cpuMsPerBotSec: Spread;
  cpuMsPerPlayerSec: Spread;
  botToPlayer: Spread;
  botStepMsPerBotSec: Spread;
  botStepToPlayer: Spread;
}

export interface VariantSummary {
  variant: Variant;
  runs: number;
  failed: number;
  disturbed: number;
  metrics: Record<keyof Metrics, Spread>;
  extra: ExtraFigures;
  /** Ramp: what ended each repetition; storms and steady runs: errors. */
  notes: string[];
  loadLimited: number;
}

export interface ScenarioSummary {
  scenario: ScenarioName;
  variants: VariantSummary[];
}

function collect(records: RunRecord[], pick: (r: RunRecord) => number | undefined): Spread {
  return spread(records.map(pick).filter((v): v is number => v !== undefined));
}

export function summarize(records: readonly RunRecord[], scenarioOrder: readonly ScenarioName[]): ScenarioSummary[] {
  return scenarioOrder.filter((s) => records.some((r) => r.scenario === s)).map((scenario) => ({
    scenario,
    variants: VARIANT_ORDER.filter((v) => records.some((r) => r.scenario === scenario && r.variant === v)).map((variant) => {
      const all = records.filter((r) => r.scenario === scenario && r.variant === variant);
      const usable = all.filter((r) => r.metrics !== undefined);
      const keys = Object.keys(usable[0]?.metrics ?? {}) as (keyof Metrics)[];
      const metrics = Object.fromEntries(keys.map((k) => [k, collect(usable, (r) => r.metrics?.[k])])) as Record<keyof Metrics, Spread>;
      return {
        variant,
        runs: all.length,
        failed: all.filter((r) => !r.ok).length,
        disturbed: all.filter((r) => r.disturbed).length,
        metrics,
        extra: {
          maxClientsPerCore: collect(all, (r) => r.ramp?.maxClients),
          joinsPerSec: collect(all, (r) => r.storm?.joinsPerSec),
          joinP50Ms: collect(all, (r) => r.storm?.joinMs.p50),
          joinP99Ms: collect(all, (r) => r.storm?.joinMs.p99),
          cpuMsPerJoin: collect(all, (r) => r.storm?.cpuMsPerJoin),
          cpuMsPerBotSec: collect(all, (r) => r.bots?.cpuMsPerBotSec),
          cpuMsPerPlayerSec: collect(all, (r) => r.bots?.cpuMsPerPlayerSec),
          botToPlayer: collect(all, (r) => r.bots?.botToPlayer),
          botStepMsPerBotSec: collect(all, (r) => r.bots?.inProcess.decideAndStepMsPerBotSec),
          botStepToPlayer: collect(all, (r) => r.bots?.inProcessToPlayer),
        },
        notes: [...new Set(all.flatMap((r) => [r.ramp ? `ended by ${r.ramp.endedBy}` : undefined, r.error].filter((n): n is string => Boolean(n))))],
        loadLimited: all.filter((r) => r.ramp?.loadLimited).length,
      };
    }),
  }));
}

/** Skirmish's median ÷ `other`'s median for a figure; NaN when either is missing. */
export function skirmishRatio(summary: ScenarioSummary, other: Variant, pick: (v: VariantSummary) => Spread | undefined): number {
  const a = summary.variants.find((v) => v.variant === "skirmish");
  const b = summary.variants.find((v) => v.variant === other);
  return a && b ? ratio(pick(a)?.median ?? NaN, pick(b)?.median ?? NaN) : NaN;
}
