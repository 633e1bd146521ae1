// Server: configuration from the environment (and an optional JSON file), validated; a bad value
// stops start-up with a message naming the variable and what is allowed.

import { readFileSync } from "node:fs";
import { MAX_PLAYERS, QUICKPLAY_MIN_PLAYERS, RECONNECT_SECONDS, TICK_RATE } from "../../shared/constants.js";
import { NO_PROXY, parseProxyList, type TrustProxy } from "./clientAddress.js";
import { LOG_LEVELS, type LogFormat, type LogLevel } from "./log.js";

export interface MonitorCredentials {
  user: string;
  password: string;
}

export interface ServerConfig {
  port: number;
  host: string;
  /** The URL players open (e.g. https://play.example.com); its origin may connect. */
  publicUrl: string | undefined;
  /** This process as clients reach it for WebSockets: host[:port][/path], no scheme. */
  publicAddress: string | undefined;
  /** Origins that may open WebSockets and call matchmaking besides the server's own; "*" = any. */
  allowedOrigins: readonly string[] | "*";
  trustProxy: TrustProxy;
  maxRoomsPerProcess: number;
  maxClientsPerRoom: number;
  /** Simulation rate, Hz. */
  tickRate: number;
  /** How long a dropped player's seat is held for a reconnect, s (0 = not held). */
  reconnectionSeconds: number;
  /** Public rooms with a person in them are topped up with bots to this many players (0 = off). */
  quickPlayMinPlayers: number;
  /** A bot plays a dropped person's seat while it is held for them. */
  botTakeover: boolean;
  logLevel: LogLevel;
  logFormat: LogFormat;
  redisUrl: string | undefined;
  /** Monitor at /monitor behind these credentials; undefined = monitor off. */
  monitor: MonitorCredentials | undefined;
  /** From SIGTERM/SIGINT to process exit, at most, s. */
  drainTimeoutSeconds: number;
  /** Largest HTTP request body accepted, bytes. */
  maxBodyBytes: number;
  /** A connection must deliver complete request headers (an upgrade request too) within this, ms. */
  headersTimeoutMs: number;
  /** WebSocket ping interval, ms; a client that misses `heartbeatMaxMissed` pongs is dropped. */
  heartbeatIntervalMs: number;
  heartbeatMaxMissed: number;
  /** Rooms one client address may create per minute (burst of the same size); 0 = unlimited. */
  roomCreatesPerMinute: number;
  /** Seat reservations one client address may hold without connecting (calls in flight included); 0 = unlimited. */
  reservationsPerAddress: number;
  /** Folder of the embedded match database (SQLite), created on start. */
  dataDir: string;
  /** PostgreSQL instead of SQLite (several processes share one history); undefined = SQLite. */
  databaseUrl: string | undefined;
  /** Replays older than this are deleted (results stay), days. */
  replayRetentionDays: number;
}

/** Default of RESERVATIONS_PER_ADDRESS: a few people behind one address (a household, a LAN
 *  party) joining at the same moment; each reservation is used within a round trip. */
export const RESERVATIONS_PER_ADDRESS = 4;

export class ConfigError extends Error {}

/** Every variable read, in the order of the README table. CONFIG_FILE may set all but itself. */
export const CONFIG_VARIABLES = [
  "PORT", "HOST", "PUBLIC_URL", "PUBLIC_ADDRESS", "ALLOWED_ORIGINS", "TRUST_PROXY",
  "MAX_ROOMS_PER_PROCESS", "MAX_CLIENTS_PER_ROOM", "TICK_RATE", "RECONNECTION_SECONDS",
  "QUICKPLAY_MIN_PLAYERS", "BOT_TAKEOVER",
  "LOG_LEVEL", "LOG_FORMAT", "NODE_ENV", "REDIS_URL", "MONITOR_USER", "MONITOR_PASSWORD",
  "DRAIN_TIMEOUT_SECONDS", "MAX_BODY_BYTES", "HEADERS_TIMEOUT_MS", "HEARTBEAT_INTERVAL_MS",
  "HEARTBEAT_MAX_MISSED", "ROOM_CREATES_PER_MINUTE", "RESERVATIONS_PER_ADDRESS", "DATA_DIR", "DATABASE_URL", "REPLAY_RETENTION_DAYS",
] as const;
type Variable = (typeof CONFIG_VARIABLES)[number];

/** Shortest monitor password accepted: the monitor can call methods on live rooms. */
const MIN_MONITOR_PASSWORD = 12;

/** Read and validate the configuration. Throws one ConfigError listing every bad value. */
export function readConfig(env: NodeJS.ProcessEnv, readFile: (path: string) => string = (p) => readFileSync(p, "utf8")): ServerConfig {
  const problems: string[] = [];
  const source = mergeConfigFile(env, readFile, problems);
  const get = (name: Variable): string | undefined => {
    const value = source[name]?.trim();
    return value === "" ? undefined : value;
  };
  const int = (name: Variable, fallback: number, min: number, max: number, what = "an integer"): number => {
    const raw = get(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^-?\d+$/.test(raw) || value < min || value > max) {
      problems.push(`${name} must be ${what} from ${min} to ${max} (got ${JSON.stringify(raw)})`);
      return fallback;
    }
    return value;
  };
  const oneOf = <T extends string>(name: Variable, allowed: readonly T[], fallback: T): T => {
    const raw = get(name);
    if (raw === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(raw)) {
      problems.push(`${name} must be one of ${allowed.join(", ")} (got ${JSON.stringify(raw)})`);
      return fallback;
    }
    return raw as T;
  };

  const nodeEnv = get("NODE_ENV");
  const config: ServerConfig = {
    port: int("PORT", 2567, 0, 65535),
    host: readHost(get("HOST"), problems),
    publicUrl: readPublicUrl(get("PUBLIC_URL"), problems),
    publicAddress: readPublicAddress(get("PUBLIC_ADDRESS"), problems),
    allowedOrigins: readOrigins(get("ALLOWED_ORIGINS"), problems),
    trustProxy: readTrustProxy(get("TRUST_PROXY"), problems),
    maxRoomsPerProcess: int("MAX_ROOMS_PER_PROCESS", 100, 1, 100_000),
    maxClientsPerRoom: int("MAX_CLIENTS_PER_ROOM", MAX_PLAYERS, 1, 32),
    tickRate: int("TICK_RATE", TICK_RATE, 10, 60, "an integer (Hz)"),
    reconnectionSeconds: int("RECONNECTION_SECONDS", RECONNECT_SECONDS, 0, 600),
    quickPlayMinPlayers: int("QUICKPLAY_MIN_PLAYERS", QUICKPLAY_MIN_PLAYERS, 0, 32),
    botTakeover: oneOf("BOT_TAKEOVER", ["on", "off"], "on") === "on",
    logLevel: oneOf("LOG_LEVEL", LOG_LEVELS, "info"),
    logFormat: oneOf<LogFormat>("LOG_FORMAT", ["json", "text"], nodeEnv === "production" ? "json" : "text"),
    redisUrl: readRedisUrl(get("REDIS_URL"), problems),
    monitor: readMonitor(get("MONITOR_USER"), get("MONITOR_PASSWORD"), problems),
    drainTimeoutSeconds: int("DRAIN_TIMEOUT_SECONDS", 30, 2, 86_400),
    maxBodyBytes: int("MAX_BODY_BYTES", 16 * 1024, 1024, 1024 * 1024),
    headersTimeoutMs: int("HEADERS_TIMEOUT_MS", 10_000, 500, 120_000),
    heartbeatIntervalMs: int("HEARTBEAT_INTERVAL_MS", 3_000, 100, 60_000),
    heartbeatMaxMissed: int("HEARTBEAT_MAX_MISSED", 2, 1, 10),
    roomCreatesPerMinute: int("ROOM_CREATES_PER_MINUTE", 10, 0, 100_000),
    reservationsPerAddress: int("RESERVATIONS_PER_ADDRESS", RESERVATIONS_PER_ADDRESS, 0, 100_000),
    dataDir: get("DATA_DIR") ?? "./data",
    databaseUrl: readDatabaseUrl(get("DATABASE_URL"), problems),
    replayRetentionDays: int("REPLAY_RETENTION_DAYS", 30, 1, 36_500),
  };
  if (config.redisUrl !== undefined && config.publicAddress === undefined) {
    problems.push("PUBLIC_ADDRESS is required with REDIS_URL: each process must advertise the address clients reach it at (host:port or host/path)");
  }
  if (problems.length > 0) throw new ConfigError(problems.join("\n"));
  return config;
}

/** Values from CONFIG_FILE (a JSON object keyed by variable name), under the environment's. */
function mergeConfigFile(env: NodeJS.ProcessEnv, readFile: (path: string) => string, problems: string[]): Partial<Record<Variable, string>> {
  const merged: Partial<Record<Variable, string>> = {};
  const path = env.CONFIG_FILE?.trim();
  if (path) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFile(path));
    } catch (error) {
      problems.push(`CONFIG_FILE must name a readable JSON file (${path}: ${(error as Error).message})`);
    }
    if (parsed !== undefined) {
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        problems.push(`CONFIG_FILE must hold a JSON object of variable names to values (${path})`);
      } else {
        for (const [key, value] of Object.entries(parsed)) {
          if (!(CONFIG_VARIABLES as readonly string[]).includes(key)) {
            problems.push(`CONFIG_FILE: unknown variable ${JSON.stringify(key)} (allowed: ${CONFIG_VARIABLES.join(", ")})`);
          } else if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") {
            problems.push(`CONFIG_FILE: ${key} must be a string, number or boolean`);
          } else {
            merged[key as Variable] = String(value);
          }
        }
      }
    }
  }
  for (const name of CONFIG_VARIABLES) {
    const value = env[name];
    if (value !== undefined && value.trim() !== "") merged[name] = value;
  }
  return merged;
}

function readHost(raw: string | undefined, problems: string[]): string {
  if (raw === undefined) return "0.0.0.0";
  if (/[\s/]/.test(raw)) problems.push(`HOST must be a host name or IP address (got ${JSON.stringify(raw)})`);
  return raw;
}

function readPublicUrl(raw: string | undefined, problems: string[]): string | undefined {
  if (raw === undefined) return undefined;
  const url = tryUrl(raw);
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:") || url.username || url.password) {
    problems.push(`PUBLIC_URL must be an http:// or https:// URL, e.g. https://play.example.com (got ${JSON.stringify(raw)})`);
    return undefined;
  }
  return url.href.replace(/\/$/, "");
}

function readPublicAddress(raw: string | undefined, problems: string[]): string | undefined {
  if (raw === undefined) return undefined;
  // What the SDK appends to ws(s)://: host, optional port, optional path; no scheme.
  if (!/^[a-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._~/-]*)?$/i.test(raw) && !/^\[[0-9a-f:.]+\](:\d{1,5})?(\/[A-Za-z0-9._~/-]*)?$/i.test(raw)) {
    problems.push(`PUBLIC_ADDRESS must be host[:port][/path] without a scheme, e.g. game1.example.com or 10.0.0.5:2567 (got ${JSON.stringify(raw)})`);
    return undefined;
  }
  return raw.replace(/\/$/, "");
}

function readOrigins(raw: string | undefined, problems: string[]): readonly string[] | "*" {
  if (raw === undefined) return [];
  if (raw === "*") return "*";
  const origins: string[] = [];
  for (const entry of raw.split(",").map((s) => s.trim()).filter(Boolean)) {
    const origin = normalizeOrigin(entry);
    if (origin === undefined) {
      problems.push(`ALLOWED_ORIGINS must be "*" or comma-separated origins like https://play.example.com (bad entry ${JSON.stringify(entry)})`);
    } else {
      origins.push(origin);
    }
  }
  return origins;
}

/** `https://Play.Example.com:443/` → `https://play.example.com`; undefined if not an http(s) origin. */
export function normalizeOrigin(text: string): string | undefined {
  const url = tryUrl(text);
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) return undefined;
  if (url.pathname !== "/" || url.search || url.hash || url.username) return undefined;
  return url.origin;
}

function readTrustProxy(raw: string | undefined, problems: string[]): TrustProxy {
  const allowed = "false, a number of proxies in front (1–10), or comma-separated proxy addresses/CIDRs (names: loopback, private, linklocal)";
  if (raw === undefined || raw === "false" || raw === "0") return NO_PROXY;
  if (raw === "true") {
    problems.push(`TRUST_PROXY=true would let any client choose its address through X-Forwarded-For; use ${allowed}`);
    return NO_PROXY;
  }
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops > 10) problems.push(`TRUST_PROXY must be ${allowed} (got ${JSON.stringify(raw)})`);
    return { kind: "hops", hops: Math.min(hops, 10) };
  }
  const parsed = parseProxyList(raw);
  if ("bad" in parsed) {
    problems.push(`TRUST_PROXY must be ${allowed} (bad entry ${JSON.stringify(parsed.bad)})`);
    return NO_PROXY;
  }
  return { kind: "list", list: parsed.list, text: raw };
}

function readRedisUrl(raw: string | undefined, problems: string[]): string | undefined {
  if (raw === undefined) return undefined;
  const url = tryUrl(raw);
  if (!url || (url.protocol !== "redis:" && url.protocol !== "rediss:") || !url.hostname) {
    problems.push(`REDIS_URL must be redis://[user:password@]host[:port][/db] or rediss://… (got ${JSON.stringify(redact(raw))})`);
    return undefined;
  }
  return raw;
}

function readDatabaseUrl(raw: string | undefined, problems: string[]): string | undefined {
  if (raw === undefined) return undefined;
  const url = tryUrl(raw);
  if (!url || (url.protocol !== "postgres:" && url.protocol !== "postgresql:") || !url.hostname) {
    problems.push(`DATABASE_URL must be postgres://user:password@host[:port]/database (got ${JSON.stringify(redact(raw))}); unset it to keep records in SQLite under DATA_DIR`);
    return undefined;
  }
  return raw;
}

function readMonitor(user: string | undefined, password: string | undefined, problems: string[]): MonitorCredentials | undefined {
  if (user === undefined && password === undefined) return undefined;
  if (user === undefined || password === undefined) {
    problems.push("MONITOR_USER and MONITOR_PASSWORD must be set together (both unset keeps the monitor off)");
    return undefined;
  }
  if (user.includes(":")) problems.push("MONITOR_USER must not contain \":\" (HTTP Basic authentication)");
  if (password.length < MIN_MONITOR_PASSWORD) {
    problems.push(`MONITOR_PASSWORD must be at least ${MIN_MONITOR_PASSWORD} characters (the monitor can act on live rooms)`);
  }
  return { user, password };
}

function tryUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/** A URL with its password hidden, for messages and logs. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, "//$1:***@");
}
