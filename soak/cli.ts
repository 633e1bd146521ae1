// Soak: `npm run soak -- --minutes 60`. A Skirmish server in this process under steady mixed load
// from another process (soak/load.ts: playing bots, join/leave churn, low-rate garbage). Prints per
// minute: RSS, heap after a GC, memory outside the heap, tick p99, event-loop p99, clients, rooms;
// at the end the slopes of heap after GC (from the second minute on) and RSS (over the second
// half), MB/min, least squares over 15 s samples, and exits non-zero when a bound below is passed.

import "../node/webSocketGlobal.js";
import { spawn } from "node:child_process";
import type { AddressInfo } from "node:net";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { createHostedServer } from "../server/app.js";
import { readConfig } from "../server/hosting/config.js";
import { configureLog } from "../server/hosting/log.js";

/** Bounds: past any of them the soak fails. Slopes are over the run after its first minute. */
export const SOAK_BOUNDS = {
  /** Heap after GC may grow at most this fast, MB/min (a leak of 1 MB/min is 60 MB an hour). */
  heapSlopeMbPerMin: 1,
  /** RSS may grow at most this fast, MB/min, over the second half of a run of at least
   *  rssMinMinutes: RSS climbs to a plateau for the first minutes (116 → 140 MB in one 3-minute
   *  run while the heap after GC stayed flat), so a short run says nothing about it. */
  rssSlopeMbPerMin: 4,
  rssMinMinutes: 10,
  /** The slowest 1 % of room ticks, ms, in any minute: a tick must fit in its step (33 ms at
   *  30 Hz). Measured in wall time, so a machine busy with other work raises it. */
  tickP99Ms: 33,
  /** The event loop's 99th percentile delay, ms, in any minute: past this, players see stalls. */
  eventLoopP99Ms: 250,
  /** Joins of bots and churn clients that failed, over the run. */
  failedJoins: 0,
} as const;

const SAMPLE_MS = 15_000;
const root = fileURLToPath(new URL("../", import.meta.url));

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isFinite(value) || value <= 0) {
    console.error(`--${name} needs a positive number (got "${process.argv[at + 1]}")`);
    process.exit(2);
  }
  return value;
}

const minutes = option("minutes", 60);
const botCount = option("bots", 16);

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
let warnings = 0;
configureLog({ level: "warn", format: "json", sink: () => { warnings++; } });

const config = { ...readConfig({ HOST: "127.0.0.1", PORT: "0" }), roomCreatesPerMinute: 0 };
const hosted = createHostedServer({ config });
await hosted.server.listen(0, "127.0.0.1");
const url = `http://127.0.0.1:${(hosted.http.address() as AddressInfo).port}`;

const load = spawn(process.execPath, ["--import", "tsx", "soak/load.ts", url, String(botCount), "7"], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
let counters = { joins: 0, failures: 0, drops: 0, garbageConnections: 0, garbageFrames: 0, lastFailure: "" };
load.stdout.on("data", (chunk: Buffer) => {
  for (const line of chunk.toString().split("\n")) {
    if (line.startsWith("SOAK {")) counters = JSON.parse(line.slice(5)) as typeof counters;
  }
});

const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();

interface TickCounts { le: number[]; counts: number[] }
async function tickBuckets(): Promise<TickCounts> {
  const metric = await hosted.metrics.registry.getSingleMetric("skirmish_tick_duration_seconds")!.get();
  const buckets = metric.values.filter((v) => (v as { metricName?: string }).metricName === "skirmish_tick_duration_seconds_bucket");
  return { le: buckets.map((b) => Number(b.labels.le)), counts: buckets.map((b) => b.value) };
}

/** Upper bound of the bucket holding the 99th percentile of the ticks between two readings, ms. */
function tickP99Ms(before: TickCounts, after: TickCounts): number {
  const total = after.counts[after.counts.length - 1] - (before.counts[before.counts.length - 1] ?? 0);
  if (total <= 0) return 0;
  for (let i = 0; i < after.counts.length; i++) {
    if (after.counts[i] - (before.counts[i] ?? 0) >= total * 0.99) return after.le[i] * 1000;
  }
  return Infinity;
}

/** Memory outside the JS heap (socket and message buffers), MB. */
function external(): number {
  const usage = process.memoryUsage();
  return (usage.external + usage.arrayBuffers) / 1e6;
}

function heapAfterGcMb(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1e6;
}

/** Least-squares slope of y over x. */
function slope(points: Array<[number, number]>): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, p) => s + p[0], 0) / n;
  const my = points.reduce((s, p) => s + p[1], 0) / n;
  const num = points.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0);
  const den = points.reduce((s, p) => s + (p[0] - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

const started = Date.now();
const heapSamples: Array<[number, number]> = [];
const rssSamples: Array<[number, number]> = [];
let worstTickP99 = 0;
let worstLoopP99 = 0;
let ticksAtMinute = await tickBuckets();
console.log(`soak: ${minutes} min, ${botCount} bots + churn (1 join/s) + garbage (1 hostile connection/2 s) against ${url}`);
console.log("min  rss MB  heap MB  ext MB  tick p99 ms  loop p99 ms  clients  rooms  joins  failed  garbage");

for (let sample = 1; sample <= (minutes * 60_000) / SAMPLE_MS; sample++) {
  await new Promise((resolve) => setTimeout(resolve, started + sample * SAMPLE_MS - Date.now()));
  const atMin = (Date.now() - started) / 60_000;
  const heap = heapAfterGcMb();
  const rss = process.memoryUsage().rss / 1e6;
  if (atMin > 1.01) heapSamples.push([atMin, heap]);
  if (atMin > minutes / 2 + 0.01) rssSamples.push([atMin, rss]);
  if ((sample * SAMPLE_MS) % 60_000 !== 0) continue;
  const ticks = await tickBuckets();
  const tickP99 = tickP99Ms(ticksAtMinute, ticks);
  ticksAtMinute = ticks;
  const loopP99 = loopDelay.percentile(99) / 1e6;
  loopDelay.reset();
  worstTickP99 = Math.max(worstTickP99, tickP99);
  worstLoopP99 = Math.max(worstLoopP99, loopP99);
  const rooms = [...hosted.supervisor.roomsByPhase().values()].reduce((a, b) => a + b, 0);
  console.log([
    String(Math.round(atMin)).padStart(3), rss.toFixed(1).padStart(7), heap.toFixed(1).padStart(8), external().toFixed(1).padStart(7), tickP99.toFixed(2).padStart(12),
    loopP99.toFixed(1).padStart(12), String(hosted.supervisor.clientCount()).padStart(8), String(rooms).padStart(6),
    String(counters.joins).padStart(6), String(counters.failures).padStart(7), String(counters.garbageConnections).padStart(8),
  ].join(" "));
}

load.kill("SIGTERM");
const heapSlope = slope(heapSamples);
const rssSlope = slope(rssSamples);
console.log(`slopes: heap after GC ${heapSlope.toFixed(2)} MB/min (from minute 1), RSS ${rssSlope.toFixed(2)} MB/min (second half${minutes < SOAK_BOUNDS.rssMinMinutes ? `, not judged under ${SOAK_BOUNDS.rssMinMinutes} min` : ""}); worst tick p99 ${worstTickP99.toFixed(2)} ms, worst event-loop p99 ${worstLoopP99.toFixed(1)} ms; ${counters.failures} failed joins; ${warnings} warning lines logged`);
const over: string[] = [];
if (heapSlope > SOAK_BOUNDS.heapSlopeMbPerMin) over.push(`heap slope ${heapSlope.toFixed(2)} > ${SOAK_BOUNDS.heapSlopeMbPerMin} MB/min`);
if (minutes >= SOAK_BOUNDS.rssMinMinutes && rssSlope > SOAK_BOUNDS.rssSlopeMbPerMin) over.push(`RSS slope ${rssSlope.toFixed(2)} > ${SOAK_BOUNDS.rssSlopeMbPerMin} MB/min`);
if (worstTickP99 > SOAK_BOUNDS.tickP99Ms) over.push(`tick p99 ${worstTickP99} > ${SOAK_BOUNDS.tickP99Ms} ms`);
if (worstLoopP99 > SOAK_BOUNDS.eventLoopP99Ms) over.push(`event-loop p99 ${worstLoopP99.toFixed(1)} > ${SOAK_BOUNDS.eventLoopP99Ms} ms`);
if (counters.failures > SOAK_BOUNDS.failedJoins) over.push(`${counters.failures} failed joins (last: ${counters.lastFailure})`);
await hosted.server.gracefullyShutdown(false).catch(() => undefined);
if (over.length > 0) {
  console.error(`soak FAILED: ${over.join("; ")}`);
  process.exit(1);
}
console.log("soak passed");
process.exit(0);
