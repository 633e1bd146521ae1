// Server: scale-out wiring. With REDIS_URL, processes share matchmaking through Colyseus'
// RedisPresence and RedisDriver, each process sweeps the listings of processes that died, and
// lists its own rooms again when Redis lost them (a restart without persistence, a flush).

import { matchMaker } from "@colyseus/core";
import { RedisDriver } from "@colyseus/redis-driver";
import { RedisPresence } from "@colyseus/redis-presence";
import { Redis } from "ioredis";
import { redact } from "./config.js";
import { log } from "./log.js";

/** How long start-up waits for Redis before giving up, ms. */
const CONNECT_TIMEOUT_MS = 10_000;
/** How often each process looks for processes that vanished without shutting down, ms. A dead
 *  process's rooms leave the listings within about this plus Colyseus' 2 s IPC timeout. */
const DEAD_PROCESS_SWEEP_MS = 2_000;

export interface RedisConnection {
  presence: RedisPresence;
  driver: RedisDriver;
  /** Both connections are up (readiness). */
  ready(): boolean;
  /** Start sweeping dead processes' rooms (after the server listens). */
  startSweeping(): void;
  stopSweeping(): void;
}

/** Connect to Redis (retrying while it starts), or throw an Error that says where and why. */
export async function connectRedis(url: string): Promise<RedisConnection> {
  const options = { lazyConnect: true, connectionName: `skirmish-${process.pid}` };
  const pubClient = new Redis(url, options);
  const driverClient = new Redis(url, options);
  const shown = redact(url);
  let lastError = "";
  for (const [name, client] of [["presence", pubClient], ["driver", driverClient]] as const) {
    client.on("error", (error: Error) => {
      lastError = error.message;
      if (client.status === "ready" || client.status === "reconnecting") log.warn("redis connection error", { connection: name, error: error.message });
    });
    client.on("end", () => log.warn("redis connection closed", { connection: name }));
  }
  try {
    // ioredis keeps retrying a refused connection; Redis may simply be starting up next to us.
    const ready = (client: Redis) => new Promise<void>((resolve) => {
      client.once("ready", () => resolve());
      client.connect().catch(() => undefined);
    });
    await withTimeout(Promise.all([ready(pubClient), ready(driverClient)]), CONNECT_TIMEOUT_MS, `cannot reach Redis at ${shown}`, () => lastError);
  } catch (error) {
    pubClient.disconnect();
    driverClient.disconnect();
    throw error;
  }
  log.info("redis connected", { url: shown });
  const presence = new RedisPresence(pubClient);
  const driver = new RedisDriver(driverClient);

  // Rooms of this process that Redis no longer lists (it restarted empty, or was flushed) are
  // listed again: joinable by code through every process, in the room list again. Checked as
  // soon as the connection is back, and on every sweep (one HMGET of this process's room ids).
  let relistInFlight = false;
  const relistRooms = (why: string) => {
    if (relistInFlight || matchMaker.state !== matchMaker.MatchMakerState.READY || driverClient.status !== "ready") return;
    relistInFlight = true;
    matchMaker.restoreMissingRoomCaches()
      .catch((error: unknown) => log.warn("re-listing rooms failed", { why, error: (error as Error).message }))
      .finally(() => { relistInFlight = false; });
  };
  for (const [name, client] of [["presence", pubClient], ["driver", driverClient]] as const) {
    client.on("ready", () => {
      log.info("redis connection back", { connection: name });
      relistRooms("reconnected");
    });
  }

  let sweeping: NodeJS.Timeout | undefined;
  let sweepInFlight = false;
  return {
    presence,
    driver,
    ready: () => pubClient.status === "ready" && driverClient.status === "ready",
    startSweeping() {
      // Colyseus checks peers only at start-up and when a call to one times out; a killed
      // process would stay listed until then. Its pub/sub channel vanishes at once, so a
      // periodic check (one HGETALL and one PUBSUB CHANNELS) finds it quickly.
      sweeping = setInterval(() => {
        relistRooms("sweep");
        if (sweepInFlight || matchMaker.state !== matchMaker.MatchMakerState.READY) return;
        sweepInFlight = true;
        matchMaker.healthCheckAllProcesses()
          .catch((error: unknown) => log.warn("dead-process sweep failed", { error: (error as Error).message }))
          .finally(() => { sweepInFlight = false; });
      }, DEAD_PROCESS_SWEEP_MS);
      sweeping.unref();
    },
    stopSweeping() {
      clearInterval(sweeping);
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string, why: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const detail = why();
      reject(new Error(`${message} (no connection within ${ms / 1000} s${detail ? `; last error: ${detail}` : ""})`));
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
