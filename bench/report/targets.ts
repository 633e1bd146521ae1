// Bench (report): the server-cost targets (README "Benchmark"), checked against the summarized
// figures. The report shows where Skirmish stands; nothing here fails a build.

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

function valueRow(what: string, value: number | undefined, unit: string, digits: number, limit: number, atMost = true): string[] {
  const known = value !== undefined && Number.isFinite(value);
  return [`${what} ${atMost ? "≤" : "≥"} ${fmt(limit, digits)} ${unit}`.trim(), known ? `${fmt(value, digits)} ${unit}`.trim() : "–",
    known ? ((atMost ? value <= limit : value >= limit) ? "yes" : "no") : "–"];
}

export function targetRows(summaries: ScenarioSummary[]): string[][] {
  const rows: string[][] = [];
  rows.push(ratioRow(summaries, "arena", "minimal", cpu, "arena: server CPU per client-second vs Minimal Colyseus", 0.75, true));
  rows.push(ratioRow(summaries, "arena", "raw", cpu, "arena: server CPU per client-second vs the raw floor", 1.3, true));
  rows.push(ratioRow(summaries, "crowd", "minimal", cpu, "crowd: server CPU per client-second vs Minimal Colyseus", 0.75, true));
  rows.push(ratioRow(summaries, "ramp", "minimal", (v) => v.extra.maxClientsPerCore, "ramp: maximum clients per core vs Minimal Colyseus", 1.3, false));
  rows.push(ratioRow(summaries, "idle", "minimal", cpu, "idle: server CPU vs Minimal Colyseus", 1.0, true));
  const idle = skirmishOf(summaries, "idle");
  rows.push(valueRow("idle: bytes per client-second (nothing sent when nothing changed)", idle?.metrics.downWireBPerClientSec.median, "B/s", 1, 10));
  rows.push(valueRow("idle: RSS per connected client", idle?.metrics.rssKBPerClient.median, "KB", 1, 40));
  rows.push(ratioRow(summaries, "join-storm", "minimal", (v) => v.extra.cpuMsPerJoin, "join storm: server CPU per join vs Minimal Colyseus", 1.0, true));
  rows.push(ratioRow(summaries, "join-storm", "minimal", (v) => v.extra.joinP99Ms, "join storm: p99 join vs Minimal Colyseus", 1.5, true));
  const bots = skirmishOf(summaries, "bots");
  rows.push(valueRow("bots: server CPU of a bot ÷ a connected player's", bots?.extra.botToPlayer.median, "×", 2, 0.3));
  for (const scenario of ["arena", "crowd"]) {
    const s = skirmishOf(summaries, scenario);
    // One write per client per tick: the tick rate (30/s), plus a little for pings, logs and IPC.
    rows.push(valueRow(`${scenario}: socket writes per client-second (one per client per tick)`, s?.metrics.writesPerClientSec.median, "/s", 1, 31));
    rows.push(ratioRow(summaries, scenario, "minimal", down, `${scenario}: downstream bytes per client-second vs Minimal Colyseus`, 0.75, true));
  }
  return rows;
}
