// Bench load child: what every kind of simulated client offers the load process, and how a
// client is told where to join.

import type { Traffic } from "./traffic.js";

/** Where a client joins: open a room, a given room, or quick play. */
export type JoinTarget =
  | { how: "create" }
  | { how: "room"; roomId: string }
  | { how: "quick" };

export interface ClientOptions {
  url: string;
  target: JoinTarget;
  name: string;
  /** Seed and bot number of the input script. */
  seed: number;
  bot: number;
  /** Skirmish, the client that creates a room: server bots to create it with. */
  roomBots?: number;
  traffic: Traffic;
  /** Called once when the connection closes, with the close code. */
  onClose(code: number): void;
}

/** What a probe measured since the previous take. */
export interface ProbeTake {
  latencies: number[];
  misses: number;
  updates: number;
  corrections: number[];
  acks: number[];
}

export interface LoadClient {
  /** Room id (Colyseus) or room key (ws variants) it joined. */
  readonly roomId: string;
  /** Join request → first full state received, ms. */
  readonly joinMs: number;
  /** Sizes of the messages received from joining up to the first full state. */
  readonly joinMessages: readonly number[];
  /** Sends its next input; false once closed. Undefined for clients that pace themselves. */
  readonly step?: () => boolean;
  /** Latency probes only. */
  readonly takeProbe?: () => ProbeTake;
  close(): void;
}

/** Settles with the first full state, or fails after `timeoutMs`. */
export class FirstState {
  readonly messages: number[] = [];
  at = 0;
  private resolve: (() => void) | undefined;
  readonly promise: Promise<void>;

  constructor() {
    this.promise = new Promise((resolve) => { this.resolve = resolve; });
  }

  /** Record a message received before the first state; `isState` ends the join. */
  message(bytes: number, isState: boolean): void {
    if (this.at !== 0) return;
    this.messages.push(bytes);
    if (isState) {
      this.at = performance.now();
      this.resolve?.();
    }
  }

  async wait(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no full state within ${timeoutMs} ms of joining`)), timeoutMs);
    });
    try {
      await Promise.race([this.promise, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** How long a join may take before it counts as failed, ms. */
export const JOIN_TIMEOUT_MS = 15_000;
