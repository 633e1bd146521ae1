// Bench (CLI): the markdown report: one table per scenario (median and min–max per variant, and
// Skirmish ÷ each other variant), the targets, the ramp, disturbed runs and the environment.

import type { Environment } from "../orchestrator/env.js";
import { STEADY_METRICS, type MetricInfo } from "../orchestrator/metrics.js";
import { PATCH_MS } from "../../shared/constants.js";
import { RAMP_LIMITS, type Scenario } from "../orchestrator/plan.js";
import { CODE_MASK, TIMED } from "../common/protocolBytes.js";
import { fmt, formatDuration } from "./format.js";
import type { RunRecord } from "../orchestrator/runner.js";
import type { Spread } from "../common/stats.js";
import { skirmishRatio, type ScenarioSummary, type VariantSummary } from "./summary.js";
import { targetRows } from "./targets.js";
import { PARTS } from "./profileParts.js";
import { spread } from "../common/stats.js";
import { VARIANTS, type Variant } from "../common/variants.js";

export interface ReportInput {
  startedAt: string;
  durationMs: number;
  quick: boolean;
  reps: number;
  seed: number;
  pinningNote: string;
  env: Environment;
  scenarios: Scenario[];
  summaries: ScenarioSummary[];
  records: RunRecord[];
  charts: string[];
}

export function cell(s: Spread | undefined, digits: number): string {
  if (!s || s.n === 0) return "–";
  if (s.n === 1 || s.min === s.max) return fmt(s.median, digits);
  return `${fmt(s.median, digits)} (${fmt(s.min, digits)}–${fmt(s.max, digits)})`;
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map((_, i) => (i < 2 ? "---" : "--:"))), ...rows.map(line)].join("\n");
}

type Row = { label: string; unit: string; digits: number; pick: (v: VariantSummary) => Spread | undefined };

function scenarioTable(summary: ScenarioSummary, rows: Row[]): string {
  const variants = summary.variants.map((v) => v.variant);
  const others = variants.filter((v): v is Exclude<Variant, "skirmish"> => v !== "skirmish");
  const hasSkirmish = variants.includes("skirmish");
  const header = ["metric", "unit", ...variants.map((v) => VARIANTS[v].label), ...(hasSkirmish ? others.map((o) => `Skirmish ÷ ${VARIANTS[o].label}`) : [])];
  const body = rows.map((row) => [
    row.label, row.unit,
    ...summary.variants.map((v) => cell(row.pick(v), row.digits)),
    ...(hasSkirmish ? others.map((o) => fmt(skirmishRatio(summary, o, row.pick), 2)) : []),
  ]);
  const runs = summary.variants.map((v) => `${VARIANTS[v.variant].label} ${v.runs - v.failed}/${v.runs} ok${v.disturbed ? `, ${v.disturbed} disturbed` : ""}`);
  return `${table(header, body)}\n\nRuns: ${runs.join(" · ")}.`;
}

const metricRow = (m: MetricInfo): Row => ({ label: m.label, unit: m.unit, digits: m.digits, pick: (v) => v.metrics[m.key] });

function rowsFor(scenario: Scenario): Row[] {
  if (scenario.kind === "storm") {
    return [
      { label: "joins per second", unit: "/s", digits: 1, pick: (v) => v.extra.joinsPerSec },
      { label: "join latency p50 (request → first full state)", unit: "ms", digits: 1, pick: (v) => v.extra.joinP50Ms },
      { label: "join latency p99", unit: "ms", digits: 1, pick: (v) => v.extra.joinP99Ms },
      { label: "server CPU per join", unit: "ms", digits: 2, pick: (v) => v.extra.cpuMsPerJoin },
      metricRow(STEADY_METRICS[2]),
      { label: "RSS per client after the storm", unit: "KB", digits: 1, pick: (v) => v.metrics.rssKBPerClient },
      metricRow(STEADY_METRICS.at(-2)!),
      metricRow(STEADY_METRICS.at(-1)!),
    ];
  }
  const rows = STEADY_METRICS.map(metricRow);
  if (scenario.kind === "bots") {
    return [
      { label: "server CPU per bot-second (with bots − without)", unit: "ms", digits: 3, pick: (v) => v.extra.cpuMsPerBotSec },
      { label: "server CPU per connected player-second (full rooms − without bots)", unit: "ms", digits: 3, pick: (v) => v.extra.cpuMsPerPlayerSec },
      { label: "a bot ÷ a connected player", unit: "×", digits: 2, pick: (v) => v.extra.botToPlayer },
      { label: "a bot's own decision and step per bot-second (in-process, no patches)", unit: "ms", digits: 3, pick: (v) => v.extra.botStepMsPerBotSec },
      { label: "that ÷ a connected player", unit: "×", digits: 2, pick: (v) => v.extra.botStepToPlayer },
      ...rows.map((r) => ({ ...r, label: `with bots: ${r.label}` })),
    ];
  }
  if (scenario.kind === "ramp") {
    return [
      { label: "maximum clients per core", unit: "clients", digits: 0, pick: (v) => v.extra.maxClientsPerCore },
      ...rows.map((r) => ({ ...r, label: `at that step: ${r.label}` })),
    ];
  }
  return rows;
}

function rampDetails(records: RunRecord[]): string {
  const lines = records.filter((r) => r.ramp).map((r) => {
    const steps = r.ramp!.steps.map((s) => `${s.clients}${s.broken.length ? "✗" : ""} (${s.metrics.serverCpuPct.toFixed(0)} %)`).join(" → ");
    return `- ${VARIANTS[r.variant].label}, rep ${r.rep}: ${steps}; max ${r.ramp!.maxClients} clients; ended by ${r.ramp!.endedBy}${r.ramp!.loadLimited ? " (**load generator above 90 % of its core: a lower bound**)" : ""}`;
  });
  const limits = `Limits: server CPU over ${RAMP_LIMITS.cpuPct} % of its core; delivered updates under ${RAMP_LIMITS.updatesShare * 100} % of the light-load rate ` +
    `(median of the first steps, at most the ${fmt(1000 / PATCH_MS, 0)}/s patch rate); room tick p99 over ${fmt(RAMP_LIMITS.tickP99Ms, 1)} ms; event-loop delay p99 over ${RAMP_LIMITS.loopDelayP99Ms} ms. ` +
    "A limit other than CPU must break again in a window three times longer. The server has one core (pinned), so the clients at the last step within every limit are the maximum clients per core.";
  return lines.length ? `${limits}\n\nSteps (clients, server CPU % of a core; ✗ = a limit broke):\n\n${lines.join("\n")}` : "";
}

/** With --profile: the server's CPU per room tick by part (median over the repetitions). */
function profileTable(records: RunRecord[]): string {
  const profiled = records.filter((r) => r.serverParts && r.serverParts.roomTicks > 0);
  if (profiled.length === 0) return "";
  const variants = [...new Set(profiled.map((r) => r.variant))];
  const perTick = (r: RunRecord, part: string | null) =>
    ((part === null ? r.serverParts!.busyMs : r.serverParts!.parts[part]) * 1000) / r.serverParts!.roomTicks;
  const median = (v: Variant, part: string | null) => spread(profiled.filter((r) => r.variant === v).map((r) => perTick(r, part))).median;
  const rows = [...PARTS.map((p) => p.name), null].map((part) => [
    part ?? "**all (main thread)**", "µs",
    ...variants.map((v) => `${fmt(median(v, part), 1)}${part === null ? "" : ` (${fmt((100 * median(v, part)) / median(v, null), 0)} %)`}`),
  ]);
  const legend = PARTS.map((p) => `${p.name}: ${p.about}`).join("; ");
  return `${table(["part", "unit", ...variants.map((v) => VARIANTS[v].label)], rows)}\n\n` +
    "Main-thread CPU per room tick during the measured windows, from V8 CPU profiles (median over the repetitions; the kernel's share of socket writes and GC helper threads are not in a JS profile). " +
    `A sample is charged to the first part its stack touches: ${legend}.`;
}

function disturbance(records: RunRecord[]): string {
  const disturbed = records.filter((r) => r.disturbed);
  const outside = records.map((r) => r.metrics?.outsideLoadPct).filter((v): v is number => Number.isFinite(v));
  const worst = outside.length ? Math.max(...outside) : NaN;
  const median = outside.length ? [...outside].sort((a, b) => a - b)[Math.floor(outside.length / 2)] : NaN;
  const head = `Outside load (CPU of other processes, share of the whole machine, per measured window): median ${fmt(median, 1)} %, worst ${fmt(worst, 1)} %. ` +
    "Before each run the bench waits (bounded) for the machine to calm down; a run over 10 % is repeated (up to 3 attempts in all, 2 with --quick) and the least disturbed attempt is reported. Runs still over 10 % are listed here: read their figures with care.";
  if (disturbed.length === 0) return `${head}\n\nNo reported run was disturbed.`;
  return `${head}\n\nDisturbed runs still in the figures:\n\n${disturbed.map((r) => `- ${r.scenario} · ${VARIANTS[r.variant].label} · rep ${r.rep}: outside load ${fmt(r.metrics?.outsideLoadPct ?? NaN, 1)} %`).join("\n")}`;
}

/** What was compared and how the load was generated, with the traffic the raw floor replayed. */
function method(records: RunRecord[]): string {
  const variants = Object.values(VARIANTS).map((v) => `- **${v.label}**: ${v.about}.`).join("\n");
  const replayed = new Map<string, string>();
  for (const r of records) {
    if (r.variant !== "raw" || !r.profile || replayed.has(r.scenario)) continue;
    const p = r.profile;
    const down = p.down.map((c) => `${fmt(c.perSecond, 1)}/s × ${fmt(c.bytes, 0)} B (code ${c.code & CODE_MASK}${c.code & TIMED ? "+timed" : ""})`).join(" + ");
    replayed.set(r.scenario, `- ${r.scenario}: down ${down || "nothing"}; up ${fmt(p.up.perSecond, 1)}/s × ${fmt(p.up.bytes, 0)} B; join ${p.join.map((b) => `${b} B`).join(" + ")} (${p.source})`);
  }
  return [
    variants,
    "Every variant runs the same rules (shared/sim step, hitscan, damage, respawns) at the same tick and patch rate, fed the same seeded input scripts: each client sends one input per 33 ms step (moving 85 % of the time, firing half the time, aim sweeping).",
    "Clients: the bulk are lightweight (Skirmish and Minimal Colyseus: the real @colyseus/sdk for matchmaking, handshake and input sending, with state bodies and events counted and dropped before decoding; JSON and raw: a plain `ws` client counting messages). " +
      "One client per room in the first rooms is a latency probe that decodes everything (Skirmish: the game's own client/net/GameSession with NetProbe; Minimal: the SDK decoding the state; JSON: JSON.parse of every message). " +
      "A probe stands still 400 ms, then runs: latency = first input of the run → first state update in which the server has it moving that way.",
    replayed.size ? `Raw floor traffic (what the Skirmish run of the same scenario delivered per client, written again without a game):\n\n${[...replayed.values()].join("\n")}` : "",
  ].filter(Boolean).join("\n\n");
}

export function buildReport(input: ReportInput): string {
  const e = input.env;
  const out: string[] = [];
  out.push(`# Skirmish benchmark${input.quick ? " (quick)" : ""}`);
  out.push(`${input.startedAt} · commit ${e.commit} · ${e.cores} cores (${e.cpuModel}), ${e.memoryGB} GB · Linux ${e.kernel} · Node ${e.node} · ${input.reps} repetitions, interleaved · seed ${input.seed} · took ${formatDuration(input.durationMs)}`);
  out.push(`Pinning: ${input.pinningNote}. Server CPU is utime+stime of the server process (/proc/<pid>/stat); tick durations and event-loop delay are measured inside it. ` +
    "Cells: median (min–max) over the repetitions. Bytes are counted at the clients: payload = WebSocket message bodies; wire = TCP payload (WebSocket framing, pings, handshakes), without TCP/IP headers.");
  out.push("## Method");
  out.push(method(input.records));
  out.push("## Where Skirmish stands against the targets");
  out.push(table(["target", "measured", "met?"], targetRows(input.summaries)));
  for (const scenario of input.scenarios) {
    const summary = input.summaries.find((s) => s.scenario === scenario.name);
    if (!summary) continue;
    out.push(`## ${scenario.name}: ${scenario.about}`);
    out.push(scenarioTable(summary, rowsFor(scenario)));
    const notes = summary.variants.flatMap((v) => v.notes.map((n) => `- ${VARIANTS[v.variant].label}: ${n}`));
    if (scenario.kind === "ramp") out.push(rampDetails(input.records.filter((r) => r.scenario === "ramp")));
    else if (notes.length) out.push(notes.join("\n"));
  }
  const profiled = new Set(input.records.filter((r) => r.serverParts).map((r) => r.scenario));
  for (const scenario of input.scenarios.filter((sc) => profiled.has(sc.name))) {
    out.push(`## Where the server's time goes: ${scenario.name} (profiles)`);
    out.push(profileTable(input.records.filter((r) => r.scenario === scenario.name)));
  }
  out.push("## Charts");
  out.push(input.charts.map((c) => `![${c}](${c})`).join("\n\n"));
  out.push("## Outside load");
  out.push(disturbance(input.records));
  out.push("## Environment");
  out.push(table(["", ""], [
    ["Node", e.node], ["packages", Object.entries(e.packages).map(([k, v]) => `${k} ${v}`).join(", ")],
    ["CPU", `${e.cores} × ${e.cpuModel}`], ["kernel", `${e.os} ${e.kernel}`], ["load average at start", e.loadAverageAtStart.join(", ")],
  ]));
  return `${out.join("\n\n")}\n`;
}
