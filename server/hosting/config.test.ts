// Unit: configuration parsing: defaults, every variable's bad values, the config file.

import { describe, expect, it } from "vitest";
import { ConfigError, readConfig } from "./config.js";
import { RECONNECT_SECONDS } from "../../shared/constants.js";

const noFile = () => {
  throw new Error("ENOENT: no such file");
};

function problemsOf(env: Record<string, string>, readFile: (path: string) => string = noFile): string {
  try {
    readConfig(env, readFile);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

describe("readConfig", () => {
  it("has working defaults with nothing set", () => {
    const config = readConfig({}, noFile);
    expect(config).toMatchObject({
      port: 2567, host: "0.0.0.0", publicUrl: undefined, publicAddress: undefined, allowedOrigins: [],
      trustProxy: { kind: "none" }, maxRoomsPerProcess: 100, maxClientsPerRoom: 8, tickRate: 30,
      reconnectionSeconds: RECONNECT_SECONDS, logLevel: "info", logFormat: "text", redisUrl: undefined, monitor: undefined,
      drainTimeoutSeconds: 30, maxBodyBytes: 16384, headersTimeoutMs: 10000, heartbeatIntervalMs: 3000,
      heartbeatMaxMissed: 2, roomCreatesPerMinute: 10, quickPlayMinPlayers: 4, botTakeover: true,
    });
  });

  it("reads every variable", () => {
    const config = readConfig({
      PORT: "8080", HOST: "127.0.0.1", PUBLIC_URL: "https://play.example.com/", PUBLIC_ADDRESS: "game1.example.com/p1",
      ALLOWED_ORIGINS: "https://a.example, http://localhost:5173", TRUST_PROXY: "loopback,10.0.0.0/8",
      MAX_ROOMS_PER_PROCESS: "50", MAX_CLIENTS_PER_ROOM: "4", TICK_RATE: "20", RECONNECTION_SECONDS: "0",
      LOG_LEVEL: "debug", NODE_ENV: "production", REDIS_URL: "redis://:pw@127.0.0.1:6380/2",
      MONITOR_USER: "ops", MONITOR_PASSWORD: "a-long-enough-password", DRAIN_TIMEOUT_SECONDS: "120",
      MAX_BODY_BYTES: "4096", HEADERS_TIMEOUT_MS: "2000", HEARTBEAT_INTERVAL_MS: "1000", HEARTBEAT_MAX_MISSED: "3",
      ROOM_CREATES_PER_MINUTE: "0", QUICKPLAY_MIN_PLAYERS: "0", BOT_TAKEOVER: "off",
    }, noFile);
    expect(config).toMatchObject({
      port: 8080, host: "127.0.0.1", publicUrl: "https://play.example.com", publicAddress: "game1.example.com/p1",
      allowedOrigins: ["https://a.example", "http://localhost:5173"], maxRoomsPerProcess: 50, maxClientsPerRoom: 4,
      tickRate: 20, reconnectionSeconds: 0, logLevel: "debug", logFormat: "json", redisUrl: "redis://:pw@127.0.0.1:6380/2",
      monitor: { user: "ops", password: "a-long-enough-password" }, drainTimeoutSeconds: 120, maxBodyBytes: 4096,
      headersTimeoutMs: 2000, heartbeatIntervalMs: 1000, heartbeatMaxMissed: 3, roomCreatesPerMinute: 0,
      quickPlayMinPlayers: 0, botTakeover: false,
    });
    expect(config.trustProxy.kind).toBe("list");
  });

  it.each([
    ["PORT", "abc", /PORT must be an integer from 0 to 65535 \(got "abc"\)/],
    ["PORT", "70000", /PORT must be an integer from 0 to 65535/],
    ["HOST", "my host", /HOST must be a host name or IP address/],
    ["PUBLIC_URL", "ftp://x", /PUBLIC_URL must be an http:\/\/ or https:\/\/ URL/],
    ["PUBLIC_ADDRESS", "wss://game.example.com", /PUBLIC_ADDRESS must be host\[:port\]\[\/path\] without a scheme/],
    ["ALLOWED_ORIGINS", "https://ok.example,not a url", /ALLOWED_ORIGINS must be "\*" or comma-separated origins.*"not a url"/],
    ["ALLOWED_ORIGINS", "https://x.example/path", /ALLOWED_ORIGINS/],
    ["TRUST_PROXY", "true", /TRUST_PROXY=true would let any client choose its address/],
    ["TRUST_PROXY", "10.0.0.0/99", /TRUST_PROXY must be .* \(bad entry "10.0.0.0\/99"\)/],
    ["TRUST_PROXY", "proxy.internal", /TRUST_PROXY must be/],
    ["MAX_ROOMS_PER_PROCESS", "0", /MAX_ROOMS_PER_PROCESS must be an integer from 1 to 100000/],
    ["MAX_CLIENTS_PER_ROOM", "2.5", /MAX_CLIENTS_PER_ROOM must be an integer from 1 to 32/],
    ["TICK_RATE", "240", /TICK_RATE must be an integer \(Hz\) from 10 to 60/],
    ["RECONNECTION_SECONDS", "-1", /RECONNECTION_SECONDS must be an integer from 0 to 600/],
    ["QUICKPLAY_MIN_PLAYERS", "-1", /QUICKPLAY_MIN_PLAYERS must be an integer from 0 to 32/],
    ["QUICKPLAY_MIN_PLAYERS", "four", /QUICKPLAY_MIN_PLAYERS must be an integer from 0 to 32 \(got "four"\)/],
    ["BOT_TAKEOVER", "yes", /BOT_TAKEOVER must be one of on, off \(got "yes"\)/],
    ["LOG_LEVEL", "verbose", /LOG_LEVEL must be one of debug, info, warn, error, silent \(got "verbose"\)/],
    ["LOG_FORMAT", "xml", /LOG_FORMAT must be one of json, text/],
    ["REDIS_URL", "http://:secret@redis", /REDIS_URL must be redis:\/\/.*\(got "http:\/\/:\*\*\*@redis"\)/],
    ["DRAIN_TIMEOUT_SECONDS", "1", /DRAIN_TIMEOUT_SECONDS must be an integer from 2 to 86400/],
    ["MAX_BODY_BYTES", "10", /MAX_BODY_BYTES must be an integer from 1024 to 1048576/],
    ["HEADERS_TIMEOUT_MS", "soon", /HEADERS_TIMEOUT_MS must be an integer from 500 to 120000/],
    ["HEARTBEAT_INTERVAL_MS", "0", /HEARTBEAT_INTERVAL_MS must be an integer from 100 to 60000/],
    ["HEARTBEAT_MAX_MISSED", "0", /HEARTBEAT_MAX_MISSED must be an integer from 1 to 10/],
    ["ROOM_CREATES_PER_MINUTE", "lots", /ROOM_CREATES_PER_MINUTE must be an integer from 0 to 100000/],
    ["DATABASE_URL", "mysql://u:pw@db/x", /DATABASE_URL must be postgres:\/\/.*\(got "mysql:\/\/u:\*\*\*@db\/x"\)/],
    ["REPLAY_RETENTION_DAYS", "0", /REPLAY_RETENTION_DAYS must be an integer from 1 to 36500/],
  ])("refuses %s=%s, naming the variable and what is allowed", (name, value, message) => {
    expect(problemsOf({ [name]: value })).toMatch(message);
  });

  it("never prints a Redis password", () => {
    expect(problemsOf({ REDIS_URL: "http://:hunter2@redis" })).not.toContain("hunter2");
  });

  it("requires PUBLIC_ADDRESS with REDIS_URL, and both monitor credentials, with a long password", () => {
    expect(problemsOf({ REDIS_URL: "redis://127.0.0.1:6379" })).toMatch(/PUBLIC_ADDRESS is required with REDIS_URL/);
    expect(problemsOf({ MONITOR_USER: "ops" })).toMatch(/MONITOR_USER and MONITOR_PASSWORD must be set together/);
    expect(problemsOf({ MONITOR_USER: "ops", MONITOR_PASSWORD: "short" })).toMatch(/MONITOR_PASSWORD must be at least 12 characters/);
  });

  it("reports every bad variable at once", () => {
    const message = problemsOf({ PORT: "x", TICK_RATE: "1", LOG_LEVEL: "loud" });
    expect(message.split("\n")).toHaveLength(3);
  });

  it("reads CONFIG_FILE, with the environment taking precedence, and refuses unknown keys", () => {
    const file = JSON.stringify({ PORT: 9000, TICK_RATE: 20, ALLOWED_ORIGINS: "https://a.example" });
    const config = readConfig({ CONFIG_FILE: "/etc/skirmish.json", PORT: "9100" }, () => file);
    expect(config.port).toBe(9100);
    expect(config.tickRate).toBe(20);
    expect(config.allowedOrigins).toEqual(["https://a.example"]);
    expect(problemsOf({ CONFIG_FILE: "/x.json" }, () => JSON.stringify({ PROT: 1 }))).toMatch(/CONFIG_FILE: unknown variable "PROT"/);
    expect(problemsOf({ CONFIG_FILE: "/x.json" }, () => "{nope")).toMatch(/CONFIG_FILE must name a readable JSON file/);
    expect(problemsOf({ CONFIG_FILE: "/missing.json" })).toMatch(/CONFIG_FILE must name a readable JSON file \(\/missing.json: ENOENT/);
  });
});
