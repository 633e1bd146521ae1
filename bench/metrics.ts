// Bench (orchestrator, report): the metrics of one measurement window, derived from the raw
// figures of the server, the load generator and /proc; and their names, units and meaning.

import { percentiles } from "./stats.js";
import type { WindowSample } from "./session.js";

/** Outside load above this share of the machine (0–1) marks a window as disturbed. */
export const DISTURBED_OUTSIDE_SHARE = 0.1;

export interface Metrics {
  clients: number;
  /** Server CPU (user+sys) per client-second, ms. */
  cpuMsPerClientSec: number;
  /** Of which in the kernel (sys). */
  sysMsPerClientSec: number;
  /** Server CPU as a share of one core, %. */
  serverCpuPct: number;
  /** Load generator CPU as a share of one core, %. */
  loadCpuPct: number;
  rssKBPerClient: number;
  rssMB: number;
  downPayloadBPerClientSec: number;
  downWireBPerClientSec: number;
  upPayloadBPerClientSec: number;
  upWireBPerClientSec: number;
  /** State messages that carried a change, per client-second. */
  updatesPerClientSec: number;
  /** State messages without a change (Colyseus input rooms' clock samples), per client-second. */
  heartbeatsPerClientSec: number;
  eventsPerClientSec: number;
  /** WebSocket messages the clients received (state, empty state and events), per client-second. */
  messagesPerClientSec: number;
  /** Server write system calls per client-second: with one write per client per tick, the tick rate. */
  writesPerClientSec: number;
  tickP50Ms: number;
  tickP99Ms: number;
  loopDelayP99Ms: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencySamples: number;
  /** Full Skirmish clients only: own-player correction p99 (px) and input → ack p50 (ms). */
  correctionP99Px: number;
  ackP50Ms: number;
  /** CPU of everything else on the machine, share of all cores, %. */
  outsideLoadPct: number;
  disconnects: number;
}

export function metricsOf(w: WindowSample): Metrics {
  const clients = w.load.clients;
  const clientSeconds = Math.max(1e-9, clients * (w.wallMs / 1000));
  const loadClientSeconds = Math.max(1e-9, clients * w.load.seconds);
  const latency = percentiles(w.load.probes.latencyMs);
  const ours = w.serverCpuMs + w.loadCpuMs + w.selfCpuMs;
  return {
    clients,
    cpuMsPerClientSec: w.serverCpuMs / clientSeconds,
    sysMsPerClientSec: w.serverSystemMs / clientSeconds,
    serverCpuPct: (w.serverCpuMs / w.wallMs) * 100,
    loadCpuPct: (w.loadCpuMs / w.wallMs) * 100,
    rssKBPerClient: clients > 0 ? (w.serverRssBytes - w.serverRssIdleBytes) / clients / 1024 : NaN,
    rssMB: w.serverRssBytes / 1024 / 1024,
    downPayloadBPerClientSec: w.load.down.payloadBytes / loadClientSeconds,
    downWireBPerClientSec: w.load.down.wireBytes / loadClientSeconds,
    upPayloadBPerClientSec: w.load.up.payloadBytes / loadClientSeconds,
    upWireBPerClientSec: w.load.up.wireBytes / loadClientSeconds,
    updatesPerClientSec: w.load.down.updates / loadClientSeconds,
    heartbeatsPerClientSec: w.load.down.heartbeats / loadClientSeconds,
    eventsPerClientSec: w.load.down.events / loadClientSeconds,
    messagesPerClientSec: (w.load.down.updates + w.load.down.heartbeats + w.load.down.events) / loadClientSeconds,
    writesPerClientSec: w.serverWrites / clientSeconds,
    tickP50Ms: w.server.tickMs.p50,
    tickP99Ms: w.server.tickMs.p99,
    loopDelayP99Ms: w.server.loopDelayP99Ms,
    latencyP50Ms: latency.p50,
    latencyP99Ms: latency.p99,
    latencySamples: latency.count,
    correctionP99Px: percentiles(w.load.probes.correctionsPx).p99,
    ackP50Ms: percentiles(w.load.probes.ackMs).p50,
    outsideLoadPct: w.machineTotalMs > 0 ? Math.max(0, ((w.machineBusyMs - ours) / w.machineTotalMs) * 100) : NaN,
    disconnects: Object.values(w.load.disconnects).reduce((a, b) => a + b, 0),
  };
}

export function isDisturbed(m: Pick<Metrics, "outsideLoadPct">): boolean {
  return m.outsideLoadPct > DISTURBED_OUTSIDE_SHARE * 100;
}

export interface MetricInfo {
  key: keyof Metrics;
  label: string;
  unit: string;
  digits: number;
}

/** The metrics every steady scenario reports, in table order. */
export const STEADY_METRICS: readonly MetricInfo[] = [
  { key: "cpuMsPerClientSec", label: "server CPU per client-second (user+sys)", unit: "ms", digits: 3 },
  { key: "sysMsPerClientSec", label: "… of which kernel (sys)", unit: "ms", digits: 3 },
  { key: "serverCpuPct", label: "server CPU", unit: "% of a core", digits: 1 },
  { key: "rssKBPerClient", label: "RSS per client", unit: "KB", digits: 1 },
  { key: "downPayloadBPerClientSec", label: "downstream per client-second, payload", unit: "B", digits: 0 },
  { key: "downWireBPerClientSec", label: "downstream per client-second, wire (TCP payload)", unit: "B", digits: 0 },
  { key: "upPayloadBPerClientSec", label: "upstream per client-second, payload", unit: "B", digits: 0 },
  { key: "upWireBPerClientSec", label: "upstream per client-second, wire (TCP payload)", unit: "B", digits: 0 },
  { key: "updatesPerClientSec", label: "delivered state updates per client-second", unit: "/s", digits: 2 },
  { key: "heartbeatsPerClientSec", label: "empty state messages per client-second", unit: "/s", digits: 2 },
  { key: "eventsPerClientSec", label: "event messages per client-second", unit: "/s", digits: 2 },
  { key: "messagesPerClientSec", label: "WebSocket messages received per client-second", unit: "/s", digits: 2 },
  { key: "writesPerClientSec", label: "server socket writes per client-second (write syscalls)", unit: "/s", digits: 2 },
  { key: "tickP50Ms", label: "room tick p50 (step + broadcast)", unit: "ms", digits: 3 },
  { key: "tickP99Ms", label: "room tick p99", unit: "ms", digits: 3 },
  { key: "loopDelayP99Ms", label: "event-loop delay p99", unit: "ms", digits: 1 },
  { key: "latencyP50Ms", label: "input → authoritative update p50 (loopback)", unit: "ms", digits: 1 },
  { key: "latencyP99Ms", label: "input → authoritative update p99 (loopback)", unit: "ms", digits: 1 },
  { key: "latencySamples", label: "… latency samples (runs started by the probes)", unit: "", digits: 0 },
  { key: "ackP50Ms", label: "full game clients: input → ack p50 (Skirmish only)", unit: "ms", digits: 1 },
  { key: "correctionP99Px", label: "full game clients: own-player correction p99 (Skirmish only)", unit: "px", digits: 2 },
  { key: "loadCpuPct", label: "load generator CPU", unit: "% of a core", digits: 1 },
  { key: "outsideLoadPct", label: "outside load (other processes)", unit: "% of machine", digits: 1 },
];
