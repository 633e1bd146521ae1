// Server: Prometheus metrics of one process (prom-client): players, rooms, ticks, traffic, edges.

import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/** What the gauges read at scrape time. */
export interface MetricsSources {
  /** Connected clients of this process. */
  clients(): number;
  /** Rooms of this process, counted by phase. */
  roomsByPhase(): Map<string, number>;
  ready(): boolean;
  draining(): boolean;
}

/** Why a request or connection was refused at the edge (label values). */
export type RefusalReason =
  | "origin" | "body_too_large" | "length_required" | "rate_limited" | "draining" | "headers_timeout" | "bad_request";

/** Why a client was kicked (label values), from its close code. */
export type KickReason = "protocol_violation" | "invalid_or_flood" | "flood";

export class GameMetrics {
  readonly registry = new Registry();
  readonly tickSeconds: Histogram;
  readonly sentBytes: Counter<"kind">;
  readonly receivedMessages: Counter<"kind">;
  readonly rejectedMessages: Counter<"reason">;
  readonly joins: Counter;
  readonly drops: Counter;
  readonly reconnections: Counter;
  readonly roomErrors: Counter<"method">;
  readonly refused: Counter<"reason">;

  constructor(sources: MetricsSources) {
    const registers = [this.registry];
    // Process CPU, resident memory, heap, event-loop lag, GC, handles.
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 10 });
    new Gauge({
      name: "skirmish_clients", help: "Clients connected to rooms of this process.", registers,
      collect() { this.set(sources.clients()); },
    });
    new Gauge({
      name: "skirmish_rooms", help: "Rooms of this process by phase.", labelNames: ["phase"], registers,
      collect() {
        this.reset();
        for (const [phase, count] of sources.roomsByPhase()) this.set({ phase }, count);
      },
    });
    new Gauge({
      name: "skirmish_ready", help: "1 while this process takes new players (see /readyz).", registers,
      collect() { this.set(sources.ready() ? 1 : 0); },
    });
    new Gauge({
      name: "skirmish_draining", help: "1 once a shutdown signal started the drain.", registers,
      collect() { this.set(sources.draining() ? 1 : 0); },
    });
    this.tickSeconds = new Histogram({
      name: "skirmish_tick_duration_seconds", help: "Time one fixed simulation step of a room takes.", registers,
      // A 30 Hz tick has 33 ms; anything near that starves the event loop.
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.02, 0.033, 0.05, 0.1],
    });
    this.sentBytes = new Counter({
      name: "skirmish_ws_sent_bytes_total", help: "WebSocket payload bytes sent, by kind (patch = state deltas).",
      labelNames: ["kind"], registers,
    });
    this.receivedMessages = new Counter({
      name: "skirmish_ws_received_messages_total", help: "WebSocket messages received, by kind.",
      labelNames: ["kind"], registers,
    });
    this.rejectedMessages = new Counter({
      name: "skirmish_messages_rejected_total", help: "Clients closed for what they sent, by reason.",
      labelNames: ["reason"], registers,
    });
    this.joins = new Counter({ name: "skirmish_joins_total", help: "Players who joined a room.", registers });
    this.drops = new Counter({
      name: "skirmish_drops_total", help: "Connections lost without leaving (network, dead peer).", registers,
    });
    this.reconnections = new Counter({
      name: "skirmish_reconnections_total", help: "Dropped players who reconnected within the window.", registers,
    });
    this.roomErrors = new Counter({
      name: "skirmish_room_errors_total", help: "Uncaught errors inside room callbacks, by callback.",
      labelNames: ["method"], registers,
    });
    this.refused = new Counter({
      name: "skirmish_http_refused_total", help: "HTTP requests and connections refused at the edge, by reason.",
      labelNames: ["reason"], registers,
    });
    for (const kind of ["patch", "state", "message", "other"]) this.sentBytes.inc({ kind }, 0);
  }

  refuse(reason: RefusalReason): void {
    this.refused.inc({ reason });
  }

  /** Time `step` and record it in the tick histogram. */
  timed<A extends unknown[]>(step: (...args: A) => void): (...args: A) => void {
    return (...args: A) => {
      const end = this.tickSeconds.startTimer();
      try {
        step(...args);
      } finally {
        end();
      }
    };
  }
}
