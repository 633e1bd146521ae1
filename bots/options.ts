// Bots: command-line flags of `npm run bots`, parsed and validated with messages that say what
// is allowed.

import { parseArgs } from "node:util";
import { NET_SYNTAX, parseLinkProfile, type LinkProfile } from "../client/net/linkSim.js";
import { BEHAVIORS, type BehaviorName } from "./behaviors.js";

export const SCENARIOS = {
  play: "bots join and play (quick play, or --room CODE)",
  hitreg: "hit registration: one bot fires dead-on at a moving target, lag compensation on then off",
} as const;
export type ScenarioName = keyof typeof SCENARIOS;

export interface BotsOptions {
  url: string;
  count: number;
  roomId?: string;
  durationMs: number;
  behavior: BehaviorName;
  netName: string;
  link?: LinkProfile;
  json: boolean;
  seed: number;
  scenario: ScenarioName;
  shots: number;
  help: boolean;
}

export class UsageError extends Error {}

const MAX_BOTS = 200;

export const HELP = `Usage: npm run bots -- [options]

Headless Skirmish players (Node, no browser) that use the browser's own netcode: prediction,
reconciliation and interpolation, optionally through a simulated network link.

Options:
  --url URL          server to play on (default http://localhost:2567); any Skirmish server
  --count N          number of bots, 1–${MAX_BOTS} (default 8); quick play opens new rooms when one is full
  --room CODE        join this room (its id / code) instead of quick play
  --duration TIME    how long to play: seconds, or with a unit (30s, 2m) (default 30s)
  --behavior NAME    ${Object.entries(BEHAVIORS).map(([k, v]) => `${k}: ${v}`).join("\n                     ")}
                     (default fight)
  --net PROFILE      simulated link per bot: ${NET_SYNTAX} (default none)
  --scenario NAME    ${Object.entries(SCENARIOS).map(([k, v]) => `${k}: ${v}`).join("\n                     ")}
                     (default play)
  --shots N          shots per run in the hitreg scenario, 1–500 (default 20)
  --seed N           seed for bot decisions and the link simulator (default 1)
  --json             print a machine-readable JSON report on stdout (progress still goes to stderr)
  --help             show this help

Examples:
  npm run bots -- --count 8 --net wifi
  npm run bots -- --url https://skirmish.example.com --room K7QF --behavior wander
  npm run bots -- --scenario hitreg --net 150ms,30ms,2% --json
`;

export function parseBotsArgs(argv: readonly string[]): BotsOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        url: { type: "string" },
        count: { type: "string" },
        room: { type: "string" },
        duration: { type: "string" },
        behavior: { type: "string" },
        net: { type: "string" },
        scenario: { type: "string" },
        shots: { type: "string" },
        seed: { type: "string" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.replace(/\. To specify.*$/s, "")}. Run with --help for the list of options.`);
  }
  const v = parsed.values;
  const behavior = v.behavior ?? "fight";
  if (!(behavior in BEHAVIORS)) throw new UsageError(`--behavior must be one of ${Object.keys(BEHAVIORS).join(", ")} (got "${behavior}")`);
  const scenario = v.scenario ?? "play";
  if (!(scenario in SCENARIOS)) throw new UsageError(`--scenario must be one of ${Object.keys(SCENARIOS).join(", ")} (got "${scenario}")`);
  const netName = v.net ?? "none";
  let link: LinkProfile | undefined;
  try {
    link = netName === "none" ? undefined : parseLinkProfile(netName);
  } catch (error) {
    throw new UsageError(`--net: ${(error as Error).message}`);
  }
  const room = v.room?.trim();
  if (room !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(room)) {
    throw new UsageError(`--room must be a room code of letters, digits, "-" or "_" (got "${v.room}")`);
  }
  return {
    url: parseUrl(v.url ?? "http://localhost:2567"),
    count: parseInteger("--count", v.count ?? "8", 1, MAX_BOTS),
    roomId: room,
    durationMs: parseDuration(v.duration ?? "30s"),
    behavior: behavior as BehaviorName,
    netName,
    link,
    json: v.json ?? false,
    seed: parseInteger("--seed", v.seed ?? "1", 0, 2 ** 31 - 1),
    scenario: scenario as ScenarioName,
    shots: parseInteger("--shots", v.shots ?? "20", 1, 500),
    help: v.help ?? false,
  };
}

function parseInteger(flag: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max} (got "${text}")`);
  }
  return n;
}

function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m)?$/.exec(text.trim());
  const ms = m ? Number(m[1]) * ({ ms: 1, s: 1000, m: 60_000 }[m[2] ?? "s"] ?? 1000) : NaN;
  if (!m || !(ms >= 1000) || ms > 24 * 3_600_000) {
    throw new UsageError(`--duration must be a time from 1s to 24h: seconds, or with a unit like 30s or 2m (got "${text}")`);
  }
  return ms;
}

function parseUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--url must be an http(s) URL such as http://localhost:2567 (got "${text}")`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UsageError(`--url must use http:// or https:// (got "${text}"); the client upgrades to WebSocket itself`);
  }
  return url.origin;
}
