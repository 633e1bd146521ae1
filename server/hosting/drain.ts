// Server: graceful drain on SIGTERM/SIGINT. Stop taking players (/readyz not ready, matchmaking
// refused), let rooms play on until the deadline, close them telling players why, exit 0.
// A second signal exits at once.

import type { Server } from "@colyseus/core";
import type { Server as HttpServer } from "node:http";
import { log } from "./log.js";
import type { RedisConnection } from "./redis.js";
import type { RoomSupervisor } from "./roomSupervisor.js";

export interface DrainOptions {
  server: Server;
  http: () => HttpServer | undefined;
  supervisor: RoomSupervisor;
  /** From the signal to process exit, at most, s. */
  timeoutSeconds: number;
  redis?: RedisConnection;
  /** Match records: writes in flight finish before the exit. */
  records?: { close(): Promise<void> };
  /** process.exit, replaceable in tests. */
  exit?: (code: number) => void;
}

/** Time kept after rooms are closed for Colyseus to finish shutting down, ms (at most a quarter
 *  of the timeout): rooms close this long before the exit deadline. */
const SHUTDOWN_ALLOWANCE_MS = 2_000;
/** Exit deadline after a fatal error, ms: rooms close at once, no waiting for matches. */
const FATAL_TIMEOUT_MS = 5_000;

export class Drain {
  private startedAt: number | undefined;
  private readonly options: DrainOptions;
  private readonly exit: (code: number) => void;

  constructor(options: DrainOptions) {
    this.options = options;
    this.exit = options.exit ?? ((code) => process.exit(code));
  }

  get active(): boolean {
    return this.startedAt !== undefined;
  }

  /** A shutdown signal: the first starts the drain, the next exits at once. */
  signal(name: string): void {
    if (this.active) {
      log.warn("second signal: exiting now without waiting for rooms", { signal: name });
      this.exit(1);
      return;
    }
    void this.begin(name);
  }

  /** A fatal error outside any room: close everything now and exit 1. */
  fatal(error: unknown): void {
    log.error("fatal: uncaught exception outside rooms", { error });
    if (this.active) {
      this.exit(1);
      return;
    }
    void this.begin("fatal error", { exitCode: 1, timeoutMs: FATAL_TIMEOUT_MS, closeRoomsNow: true });
  }

  async begin(reason: string, how: { exitCode?: number; timeoutMs?: number; closeRoomsNow?: boolean } = {}): Promise<void> {
    if (this.active) return;
    const startedAt = (this.startedAt = Date.now());
    const timeoutMs = how.timeoutMs ?? this.options.timeoutSeconds * 1000;
    const allowance = Math.min(SHUTDOWN_ALLOWANCE_MS, timeoutMs / 4);
    const closeRoomsAt = how.closeRoomsNow ? startedAt : startedAt + timeoutMs - allowance;
    this.options.supervisor.beginDrain(closeRoomsAt);
    this.options.redis?.stopSweeping();
    log.warn("drain: not taking new players; running games continue until the deadline", {
      reason, roomsCloseInS: (closeRoomsAt - startedAt) / 1000, exitWithinS: timeoutMs / 1000,
      players: this.options.supervisor.clientCount(),
    });
    const hardStop = setTimeout(() => {
      log.error("drain: deadline reached before shutdown finished; exiting", { afterMs: Date.now() - startedAt });
      this.exit(1);
    }, timeoutMs);
    // Colyseus: refuse matchmaking, stop placing rooms here, lock rooms, call each room's
    // onBeforeShutdown (the supervisor closes it now or at closeRoomsAt), wait until all are
    // gone, drop this process from the shared listings, close the transport, Redis last.
    await this.options.server.gracefullyShutdown(false);
    this.options.http()?.closeAllConnections();
    // Rooms closed above recorded their matches in progress as interrupted: store them.
    await this.options.records?.close().catch((error: unknown) => log.error("drain: match records not closed cleanly", { error }));
    clearTimeout(hardStop);
    log.info("drain: done", { afterMs: Date.now() - startedAt });
    this.exit(how.exitCode ?? 0);
  }
}

/** SIGTERM/SIGINT drain; errors outside rooms are logged (uncaught ones end the process). */
export function installProcessHandlers(drain: Drain): void {
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => drain.signal(signal));
  process.on("uncaughtException", (error) => drain.fatal(error));
  // A stray rejection (a Redis hiccup inside a library) must not end every game of the process.
  process.on("unhandledRejection", (reason) => log.error("unhandled promise rejection", { error: reason }));
}
