// Bench (CLI): the report's charts, as SVG files: the ramp (CPU per client and CPU share against
// clients) and per-scenario bars (CPU and downstream bytes per client-second).

import { RAMP_LIMITS } from "../orchestrator/plan.js";
import type { RunRecord } from "../orchestrator/runner.js";
import { spread } from "../common/stats.js";
import type { ScenarioSummary } from "./summary.js";
import { barChart, lineChart, type Series } from "./svg.js";
import { VARIANT_ORDER, VARIANTS, type Variant } from "../common/variants.js";

export const VARIANT_COLORS: Record<Variant, string> = {
  skirmish: "#d1495b",
  minimal: "#2e86ab",
  json: "#edae49",
  raw: "#66a182",
};

/** Median over repetitions of a ramp figure at each client count. */
function rampSeries(records: RunRecord[], pick: (m: NonNullable<RunRecord["metrics"]>) => number): Series[] {
  return VARIANT_ORDER.flatMap((variant) => {
    const byClients = new Map<number, number[]>();
    for (const r of records.filter((x) => x.variant === variant && x.ramp)) {
      for (const step of r.ramp!.steps) {
        const list = byClients.get(step.plannedClients) ?? [];
        list.push(pick(step.metrics));
        byClients.set(step.plannedClients, list);
      }
    }
    if (byClients.size === 0) return [];
    const points = [...byClients].map(([x, ys]) => ({ x, y: spread(ys).median }));
    return [{ name: VARIANTS[variant].label, color: VARIANT_COLORS[variant], points }];
  });
}

/** File name → SVG text. */
export function buildCharts(records: RunRecord[], summaries: ScenarioSummary[]): Map<string, string> {
  const charts = new Map<string, string>();
  const ramp = records.filter((r) => r.scenario === "ramp");
  if (ramp.length > 0) {
    charts.set("ramp-cpu-per-client.svg", lineChart(
      { title: "Ramp: server CPU per client-second", xLabel: "clients (rooms of 10, moving and firing)", yLabel: "ms of CPU per client-second" },
      rampSeries(ramp, (m) => m.cpuMsPerClientSec),
    ));
    charts.set("ramp-server-cpu.svg", lineChart(
      { title: "Ramp: server CPU", xLabel: "clients (rooms of 10, moving and firing)", yLabel: "% of one core", limit: { y: RAMP_LIMITS.cpuPct, label: `limit ${RAMP_LIMITS.cpuPct} %` } },
      rampSeries(ramp, (m) => m.serverCpuPct),
    ));
  }
  // The bots scenario runs Skirmish alone: nothing to compare in a bar chart.
  const steady = summaries.filter((s) => s.scenario !== "join-storm" && s.scenario !== "ramp" && s.scenario !== "bots");
  const categories = steady.map((s) => s.scenario);
  const bars = (pick: (s: ScenarioSummary, v: Variant) => number) => VARIANT_ORDER
    .filter((v) => steady.some((s) => s.variants.some((x) => x.variant === v)))
    .map((v) => ({ name: VARIANTS[v].label, color: VARIANT_COLORS[v], values: steady.map((s) => pick(s, v)) }));
  const median = (s: ScenarioSummary, v: Variant, key: "cpuMsPerClientSec" | "downPayloadBPerClientSec") =>
    s.variants.find((x) => x.variant === v)?.metrics[key]?.median ?? NaN;
  if (steady.length > 0) {
    charts.set("cpu-per-client.svg", barChart(
      { title: "Server CPU per client-second (median)", xLabel: "scenario", yLabel: "ms (log scale)", logY: true },
      categories, bars((s, v) => median(s, v, "cpuMsPerClientSec")),
    ));
    charts.set("bytes-down-per-client.svg", barChart(
      { title: "Downstream bytes per client-second (payload, median)", xLabel: "scenario", yLabel: "bytes (log scale)", logY: true },
      categories, bars((s, v) => median(s, v, "downPayloadBPerClientSec")),
    ));
  }
  return charts;
}
