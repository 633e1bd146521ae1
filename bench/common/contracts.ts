// Bench (orchestrator, server child, load child): the data exchanged between the processes.

import type { Percentiles } from "./stats.js";
import type { Variant } from "./variants.js";

/** One kind of message a client receives, replayed by the raw floor. */
export interface MessageClass {
  /** First byte of the message (the Colyseus protocol code the load generator classifies by). */
  code: number;
  /** Payload bytes per message. */
  bytes: number;
  /** Messages per client-second. */
  perSecond: number;
}

/** What one Skirmish client's traffic looked like, for the raw floor to write again without a game. */
export interface TrafficProfile {
  /** Where the figures came from: a Skirmish run of this scenario, or built-in defaults. */
  source: string;
  down: MessageClass[];
  up: { bytes: number; perSecond: number };
  /** Sizes of the messages a client receives on joining, up to and including its first full state. */
  join: number[];
}

/** Given to the server child at start (BENCH_SERVER, JSON). */
export interface ServerSettings {
  variant: Variant;
  /** Clients per room (maxClients). */
  roomSize: number;
  /** Raw floor only. */
  profile?: TrafficProfile;
}

/** What the load child connects, and how those clients behave. */
export interface ConnectSpec {
  variant: Variant;
  url: string;
  /** Rooms to open, each filled with `perRoom` clients; room keys continue from `firstRoom`. */
  firstRoom: number;
  rooms: number;
  perRoom: number;
  /** Clients send inputs every step (moving, firing); false = connected and silent. */
  moving: boolean;
  /** Latency probes (full clients) among the clients, in the first rooms, one per room. */
  probes: number;
  concurrency: number;
  seed: number;
  /** Raw floor only: input size and rate to send. */
  profile?: TrafficProfile;
  /** Skirmish only: server bots each room is created with. */
  botsPerRoom?: number;
}

export interface ConnectResult {
  joined: number;
  failed: number;
  errors: string[];
  durationMs: number;
  /** Join latency (request → first full state), ms. */
  joinMs: Percentiles;
  /** Sizes of the messages received on joining up to the first full state (first client). */
  joinMessages: number[];
}

export interface StormSpec {
  variant: Variant;
  url: string;
  count: number;
  concurrency: number;
  seed: number;
}

export interface TrafficCounts {
  payloadBytes: number;
  /** TCP payload: WebSocket frames with their headers, control frames, handshakes. */
  wireBytes: number;
  messages: number;
}

export interface DownCounts extends TrafficCounts {
  /** State messages that carried a change. */
  updates: number;
  updateBytes: number;
  /** State messages without a change (Colyseus input rooms send one per patch as a clock sample). */
  heartbeats: number;
  heartbeatBytes: number;
  /** Event messages (shots, frags). */
  events: number;
  eventBytes: number;
}

export interface ProbeFigures {
  /** Input that changed the movement → first state update showing it, ms. */
  latencyMs: number[];
  /** Probes that saw no reaction within the deadline (while alive). */
  misses: number;
  /** Own-player corrections of the full Skirmish clients (px), and their input → ack latency (ms). */
  correctionsPx: number[];
  ackMs: number[];
  /** Full clients: state updates per second seen, mean. */
  updatesPerSec: number;
}

/** What the load child measured since the previous window. */
export interface LoadWindow {
  seconds: number;
  clients: number;
  down: DownCounts;
  up: TrafficCounts;
  inputsSent: number;
  /** Close codes of clients that disconnected, with counts. */
  disconnects: Record<string, number>;
  probes: ProbeFigures;
}

/** The message type a Minimal Colyseus client sends its inputs as (`room.send("input", …)`). */
export const MINIMAL_INPUT = "input";
