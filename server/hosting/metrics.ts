// Server: Prometheus metrics of one process (prom-client): players, rooms, ticks, traffic, edges.

import { collectDefaultMetrics, Counter, Gauge, Registry } from "prom-client";
import { RECEIVED_KINDS, SENT_KINDS, type TrafficTally } from "./gameTransport.js";
import { TickHistogram } from "./tickHistogram.js";

/** What the gauges read at scrape time. */
export interface MetricsSources {
  /** Connected clients of this process. */
  clients(): number;
  /** Rooms of this process, counted by phase. */
  roomsByPhase(): Map<string, number>;
  ready(): boolean;
  draining(): boolean;
  /** What the WebSocket transport carried (absent under the Vite dev plugin, which owns sockets). */
  traffic?: TrafficTally;
}

/** Why a request or connection was refused at the edge (label values). */
export type RefusalReason =
  | "origin" | "body_too_large" | "length_required" | "rate_limited" | "draining" | "headers_timeout" | "bad_request"
  | "reservations";

/** Why a client was kicked (label values), from its close code. */
export type KickReason = "protocol_violation" | "invalid_or_flood" | "input_overrun" | "flood" | "oversize_frame" | "bad_websocket_frame";

export class GameMetrics {
  readonly registry = new Registry();
  readonly tickSeconds: TickHistogram;
  readonly rejectedMessages: Counter<"reason">;
  readonly droppedInputs: Counter;
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
    // A 30 Hz tick has 33 ms; anything near that starves the event loop.
    this.tickSeconds = new TickHistogram(
      "skirmish_tick_duration_seconds", "Time one fixed simulation step of a room takes.",
      [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.02, 0.033, 0.05, 0.1], this.registry,
    );
    // Traffic is tallied by the transport in plain numbers (hot path); the counters catch up with
    // the tally at scrape time.
    const traffic = sources.traffic;
    const tallied = (name: string, help: string, kinds: readonly string[], read: (t: TrafficTally) => ArrayLike<number>) => {
      const reported = new Float64Array(kinds.length);
      return new Counter({
        name, help, labelNames: ["kind"], registers,
        collect() {
          const now = traffic ? read(traffic) : reported;
          kinds.forEach((kind, i) => {
            this.inc({ kind }, now[i] - reported[i]);
            reported[i] = now[i];
          });
        },
      });
    };
    tallied("skirmish_ws_sent_bytes_total", "WebSocket payload bytes sent, by kind (patch = state deltas).", SENT_KINDS, (t) => t.sentBytes);
    tallied("skirmish_ws_sent_messages_total", "WebSocket messages sent, by kind.", SENT_KINDS, (t) => t.sentMessages);
    tallied("skirmish_ws_received_messages_total", "WebSocket messages received, by kind.", RECEIVED_KINDS, (t) => t.receivedMessages);
    let writesReported = 0;
    new Counter({
      name: "skirmish_socket_writes_total",
      help: "Socket writes; each carries every WebSocket frame sent to that socket in one event-loop turn.",
      registers,
      collect() {
        const now = traffic?.socketWrites ?? writesReported;
        this.inc(now - writesReported);
        writesReported = now;
      },
    });
    this.rejectedMessages = new Counter({
      name: "skirmish_messages_rejected_total", help: "Clients closed for what they sent, by reason.",
      labelNames: ["reason"], registers,
    });
    this.droppedInputs = new Counter({
      name: "skirmish_inputs_dropped_total",
      help: "Inputs dropped for going over a player's real-time budget (sent faster than ticks pass).", registers,
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
  }

  refuse(reason: RefusalReason): void {
    this.refused.inc({ reason });
  }

  /** Time `step` and record it in the tick histogram. */
  timed(step: () => void): () => void {
    const histogram = this.tickSeconds;
    return () => {
      const started = performance.now();
      try {
        step();
      } finally {
        histogram.observe((performance.now() - started) / 1000);
      }
    };
  }
}
