// Bench (report): issue 5's targets, checked against the summarized figures. The report shows
// where Skirmish stands; nothing here fails a build.

import { fmt } from "./format.js";
import type { Spread } from "../common/stats.js";
import { skirmishRatio, type ScenarioSummary, type VariantSummary } from "./summary.js";
import type { Variant } from "../common/variants.js";

type Pick = (v: VariantSummary) => Spread | undefined;

const cpu: Pick = (v) => v.metrics.cpuMsPerClientSec;
const down: Pick = (v) => v.metrics.downPayloadBPerClientSec;

function ratioRow(summaries: ScenarioSummary[], scenario: string, other: Variant, pick: Pick, what: string, limit: number, atMost: boolean): string[] {
  const s = summaries.find((x) => x.scenario === scenario);
  const r = s ? skirmishRatio(s, other, pick) : NaN;
  const met = Number.isFinite(r) ? ((atMost ? r <= limit : r >= limit) ? "yes" : "no") : "–";
  return [`${what} ${atMost ? "≤" : "≥"} ${limit}× (${scenario})`, `${fmt(r, 2)}×`, met];
}

function skirmishOf(summaries: ScenarioSummary[], scenario: string): VariantSummary | undefined {
  return summaries.find((x) => x.scenario === scenario)?.variants.find((v) => v.variant === "skirmish");
}

export function targetRows(summaries: ScenarioSummary[]): string[][] {
  const rows: string[][] = [];
  for (const scenario of ["arena", "crowd"]) {
    rows.push(ratioRow(summaries, scenario, "minimal", cpu, "server CPU per client-second vs Minimal Colyseus", 0.75, true));
    rows.push(ratioRow(summaries, scenario, "raw", cpu, "server CPU per client-second vs raw floor (distance to the physical limit)", 1.4, true));
    rows.push(ratioRow(summaries, scenario, "minimal", down, "downstream bytes per client-second vs Minimal Colyseus", 0.6, true));
    rows.push(ratioRow(summaries, scenario, "json", down, "downstream bytes per client-second vs JSON broadcast", 0.15, true));
  }
  rows.push(ratioRow(summaries, "ramp", "minimal", (v) => v.extra.maxClientsPerCore, "maximum clients per core vs Minimal Colyseus", 1.3, false));
  const idle = skirmishOf(summaries, "idle");
  if (idle) {
    const m = idle.metrics;
    rows.push([
      "idle: ~0 % CPU",
      `${fmt(m.serverCpuPct.median, 1)} % of a core (${fmt(m.cpuMsPerClientSec.median, 4)} ms per client-second)`,
      m.serverCpuPct.median <= 1 ? "yes" : "no",
    ]);
    rows.push([
      "idle: no state bytes when nothing changes",
      `${fmt(m.updatesPerClientSec.median, 2)} updates/s; ${fmt(m.heartbeatsPerClientSec.median, 1)} empty clock messages/s = ${fmt(m.downPayloadBPerClientSec.median, 0)} B/s per client`,
      m.updatesPerClientSec.median === 0 ? (m.downPayloadBPerClientSec.median < 1 ? "yes" : "state: yes; messages: no") : "no",
    ]);
    rows.push(["idle: RSS ≤ 40 KB per connected client", `${fmt(m.rssKBPerClient.median, 1)} KB`, m.rssKBPerClient.median <= 40 ? "yes" : "no"]);
  }
  return rows;
}
