// Bench (developers): `npm run bench [-- --quick]`. Runs every scenario against every variant,
// interleaved, and writes report.md, SVG charts and raw.json into bench-results/<timestamp>/.

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openLog, pinSelf, planPinning } from "../orchestrator/children.js";
import { buildCharts } from "../report/charts.js";
import type { TrafficProfile } from "../common/contracts.js";
import { environment } from "../orchestrator/env.js";
import { DISTURBED_OUTSIDE_SHARE } from "../orchestrator/metrics.js";
import { waitForQuiet } from "../orchestrator/quiet.js";
import { fmt, formatDuration } from "../report/format.js";
import { HELP, parseBenchArgs, UsageError, type BenchOptions } from "./options.js";
import { runOrder, scenarios, type PlannedRun, type ScenarioName } from "../orchestrator/plan.js";
import { Progress } from "./progress.js";
import { runRamp } from "../orchestrator/ramp.js";
import { buildReport } from "../report/report.js";
import { runSteady, runStorm, type RunContext, type RunRecord } from "../orchestrator/runner.js";
import { runBotCost } from "../orchestrator/botCost.js";
import { summarize } from "../report/summary.js";
import { VARIANTS } from "../common/variants.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
/** A run disturbed by outside load is repeated up to this many attempts in all (full, quick). */
const MAX_ATTEMPTS = { full: 3, quick: 2 };
/** Before each attempt, wait at most this long for the machine to be quiet, ms (full, quick). */
const QUIET_WAIT_MS = { full: 45_000, quick: 5_000 };
/** Consecutive runs whose processes did not start (a broken build) before the bench gives up. */
const MAX_FAILED_STARTS = 4;

let options: BenchOptions;
try {
  options = parseBenchArgs(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`${error.message}\n\n${HELP}`);
  process.exit(2);
}
if (options.help) {
  process.stdout.write(HELP);
  process.exit(0);
}

async function runOne(run: PlannedRun, attempt: number, ctx: RunContext): Promise<RunRecord> {
  const startedAt = new Date().toISOString();
  const started = performance.now();
  const base = { scenario: run.scenario.name, variant: run.variant, rep: run.rep, attempt, startedAt };
  try {
    const s = run.scenario;
    const part = s.kind === "steady" ? await runSteady(s, run.variant, ctx)
      : s.kind === "ramp" ? await runRamp(s, run.variant, ctx)
        : s.kind === "bots" ? await runBotCost(s, ctx)
          : await runStorm(s, run.variant, ctx);
    return { ...base, ok: true, disturbed: false, ...part, durationMs: performance.now() - started };
  } catch (error) {
    return { ...base, ok: false, disturbed: false, error: (error as Error).message, durationMs: performance.now() - started };
  }
}

function outcome(r: RunRecord): string {
  if (!r.metrics) return `  → failed: ${r.error ?? "no figures"}`;
  const m = r.metrics;
  const parts = r.storm
    ? [`${fmt(r.storm.joinsPerSec, 0)} joins/s`, `join p99 ${fmt(r.storm.joinMs.p99, 0)} ms`, `${fmt(r.storm.cpuMsPerJoin, 2)} ms CPU per join`]
    : [
      ...(r.ramp ? [`max ${r.ramp.maxClients} clients per core (ended by ${r.ramp.endedBy})`] : []),
      ...(r.bots ? [`a bot ${fmt(r.bots.cpuMsPerBotSec, 3)} ms CPU per s (its own step ${fmt(r.bots.inProcess.decideAndStepMsPerBotSec, 3)} ms), a player ${fmt(r.bots.cpuMsPerPlayerSec, 3)} ms: ${fmt(r.bots.botToPlayer, 2)}×`] : []),
      `${fmt(m.cpuMsPerClientSec, 3)} ms CPU per client-s`, `${fmt(m.downPayloadBPerClientSec / 1024, 2)} KB/s down per client`,
      `${fmt(m.updatesPerClientSec, 2)} updates/s`, ...(m.latencySamples > 0 ? [`latency p50 ${fmt(m.latencyP50Ms, 0)} ms`] : []),
    ];
  return `  → ${parts.join(" · ")} · outside load ${fmt(m.outsideLoadPct, 0)} % · ${formatDuration(r.durationMs)}${r.error ? ` · ${r.error}` : ""}`;
}

const started = performance.now();
const startedAt = new Date();
const outDir = options.outDir ?? join(root, "bench-results", startedAt.toISOString().replace(/:/g, "-").replace(/\..*/, ""));
mkdirSync(outDir, { recursive: true });
const log = openLog(join(outDir, "children.log"));
const env = environment();
const pinning = planPinning();
if (pinning.available && pinning.load !== undefined && !pinSelf(pinning.load)) pinning.note += " (pinning this process failed)";
const list = scenarios(options.quick).filter((s) => options.scenarios.includes(s.name));
const runs = runOrder(list, options.variants, options.reps);
const progress = new Progress(runs);
const profiles = new Map<ScenarioName, TrafficProfile>();
const records: RunRecord[] = [];
let failedStarts = 0;

progress.say(`Skirmish bench${options.quick ? " --quick" : ""}: ${runs.length} runs (${list.map((s) => s.name).join(", ")} × ${options.variants.length} variants × ${options.reps} reps) → ${outDir}`);
progress.say(`Pinning: ${pinning.note}`);

const writeRaw = (complete: boolean) => writeFileSync(join(outDir, "raw.json"), `${JSON.stringify({
  version: 1, complete, startedAt: startedAt.toISOString(), durationMs: performance.now() - started,
  options, pinning, environment: env, scenarios: list, runs: records,
}, null, 1)}\n`);

for (let i = 0; i < runs.length; i++) {
  const run = runs[i];
  const ctx: RunContext = {
    pinning, log, seed: options.seed, profile: profiles.get(run.scenario.name),
    profileDir: options.profile ? join(outDir, "profiles", `${run.scenario.name}-${run.variant}-${run.rep}`) : undefined,
    say: (line) => progress.say(line),
  };
  let record: RunRecord | undefined;
  const runStarted = performance.now();
  const mode = options.quick ? "quick" : "full";
  for (let attempt = 1; attempt <= MAX_ATTEMPTS[mode]; attempt++) {
    await waitForQuiet(DISTURBED_OUTSIDE_SHARE, QUIET_WAIT_MS[mode], (share) =>
      progress.say(`  waiting up to ${formatDuration(QUIET_WAIT_MS[mode])} for other processes to calm down (outside load ${fmt(share * 100, 0)} %)`));
    progress.starting(i, attempt);
    const next = await runOne(run, attempt, ctx);
    // Keep the least disturbed attempt.
    if (!record || (next.metrics?.outsideLoadPct ?? Infinity) < (record.metrics?.outsideLoadPct ?? Infinity) || !record.metrics) record = next;
    if (!next.disturbed) break;
    if (attempt < MAX_ATTEMPTS[mode]) progress.say(`  (outside load ${fmt(next.metrics?.outsideLoadPct ?? NaN, 0)} % during the run: repeating it)`);
  }
  if (!record) throw new Error("unreachable: no attempt ran");
  records.push(record);
  if (run.variant === "skirmish" && record.ok && record.profile) profiles.set(run.scenario.name, record.profile);
  progress.finished(run, performance.now() - runStarted);
  progress.say(outcome(record));
  writeRaw(false);
  failedStarts = record.error?.includes("before \"ready\"") ? failedStarts + 1 : 0;
  if (failedStarts >= MAX_FAILED_STARTS) {
    progress.say(`Stopping: the last ${failedStarts} runs could not even start their processes (see ${join(outDir, "children.log")}).`);
    break;
  }
}

const summaries = summarize(records, list.map((s) => s.name));
const charts = buildCharts(records, summaries);
for (const [name, svg] of charts) writeFileSync(join(outDir, name), svg);
const durationMs = performance.now() - started;
writeRaw(true);
writeFileSync(join(outDir, "report.md"), buildReport({
  startedAt: startedAt.toISOString(), durationMs, quick: options.quick, reps: options.reps, seed: options.seed,
  pinningNote: pinning.note, env, scenarios: list, summaries, records, charts: [...charts.keys()],
}));
log?.end();
const failed = records.filter((r) => !r.ok);
process.stdout.write(`Benchmark done in ${formatDuration(durationMs)}: ${outDir}/report.md` +
  `${failed.length ? ` (${failed.length} run(s) failed: ${failed.map((r) => `${r.scenario}/${VARIANTS[r.variant].label}`).join(", ")})` : ""}\n`);
