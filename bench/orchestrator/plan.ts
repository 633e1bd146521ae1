// Bench (orchestrator): the scenarios, their sizes and timings (full and --quick), and the
// interleaved run order: for each scenario and repetition, every variant in turn (A B C D).

import { STEP_MS } from "../../shared/constants.js";
import { VARIANT_ORDER, type Variant } from "../common/variants.js";

export type ScenarioName = "arena" | "crowd" | "ramp" | "idle" | "join-storm" | "bots";

interface Common {
  name: ScenarioName;
  about: string;
  /** Clients per room. */
  perRoom: number;
}

export interface SteadyScenario extends Common {
  kind: "steady";
  rooms: number;
  moving: boolean;
  /** Full clients measuring latency, one per room in the first rooms. */
  probes: number;
  settleMs: number;
  windowMs: number;
}

export interface RampScenario extends Common {
  kind: "ramp";
  startRooms: number;
  /** Each step adds this share of the rooms already open (at least one room)… */
  growth: number;
  /** …while the grown step is expected to stay under this share of the server's core (%); then
   *  fineStepRooms a step, so the maximum is known to within one such step (50 clients: 10 % of 500). */
  fineAbovePct: number;
  fineStepRooms: number;
  maxRooms: number;
  settleMs: number;
  windowMs: number;
  /** The whole ramp of one variant ends after this, ms. */
  maxMs: number;
  /** Steps whose median update rate is the reference for the updates limit. */
  baselineSteps: number;
}

export interface StormScenario extends Common {
  kind: "storm";
  joins: number;
  concurrency: number;
}

/** Server bots' cost (Skirmish only): rooms of `perRoom` moving clients and `botsPerRoom` bots,
 *  against the same rooms without bots and with `roomSize` clients instead (bench/orchestrator/botCost.ts). */
export interface BotsScenario extends Common {
  kind: "bots";
  rooms: number;
  botsPerRoom: number;
  /** Seats per room: perRoom + botsPerRoom. */
  roomSize: number;
  settleMs: number;
  windowMs: number;
}

export type Scenario = SteadyScenario | RampScenario | StormScenario | BotsScenario;

export const SCENARIO_NAMES: readonly ScenarioName[] = ["arena", "crowd", "ramp", "idle", "join-storm", "bots"];

/** Joins in flight at once while a scenario connects its clients. */
export const CONNECT_CONCURRENCY = 16;

/** The ramp's limits: any one of them broken ends it. */
export const RAMP_LIMITS = {
  /** Server CPU, % of one core. */
  cpuPct: 85,
  /** Delivered state updates, share of what the same variant delivered at the first step (at most the patch rate). */
  updatesShare: 0.98,
  /** Room tick p99, ms: the tick's budget. */
  tickP99Ms: STEP_MS,
  /** Event-loop delay p99, ms. */
  loopDelayP99Ms: 20,
  /** Load generator CPU above this (% of its core) means the load generator, not the server, may be the limit. */
  loadCpuPct: 90,
} as const;

export function scenarios(quick: boolean): Scenario[] {
  const q = <T>(full: T, short: T): T => (quick ? short : full);
  // Settling after the joins: Skirmish rooms count down 3 s before a match, then respawn everyone
  // with 1 s of spawn protection; and the first seconds after a burst of joins carry their garbage
  // collection and JIT warm-up. Measuring earlier overstates every variant's CPU and delay.
  const timing = { settleMs: 4500, windowMs: q(10_000, 2000) };
  return [
    { name: "arena", kind: "steady", about: "20 rooms × 10 clients, all moving and firing", rooms: 20, perRoom: 10, moving: true, probes: 4, ...timing },
    { name: "crowd", kind: "steady", about: "1 room × 100 clients, all moving and firing", rooms: 1, perRoom: 100, moving: true, probes: 1, ...timing },
    {
      name: "ramp", kind: "ramp", about: "rooms of 10 moving, firing clients added until a limit breaks",
      perRoom: 10, startRooms: q(5, 10), growth: q(0.25, 1), fineAbovePct: 50, fineStepRooms: 5, maxRooms: 300,
      settleMs: 4500, windowMs: q(2500, 1500), maxMs: q(240_000, 120_000), baselineSteps: q(3, 1),
    },
    // An idle server uses ~7 % of a core: /proc counts CPU in 10 ms ticks, so a 2 s window would
    // read it to ±7 %; 8 s reads it to ±2 %.
    { name: "idle", kind: "steady", about: "1000 connected clients in 100 rooms, nobody moving or sending", rooms: 100, perRoom: 10, moving: false, probes: 0, ...timing, windowMs: q(10_000, 8000) },
    { name: "join-storm", kind: "storm", about: "500 quick-play joins, 20 in flight at a time", perRoom: 10, joins: 500, concurrency: 20 },
    // A bot's cost is a difference of two windows (with bots − without) of ~7 % of a core: 2 s
    // windows scattered it over 0.4–1.4× a player's between repetitions; 8 s windows steady it.
    {
      name: "bots", kind: "bots", about: "Skirmish only: 20 rooms × (2 moving, firing clients + 6 server bots), against 20 × 2 and 20 × 8 clients",
      rooms: 20, perRoom: 2, botsPerRoom: 6, roomSize: 8, ...timing, windowMs: q(10_000, 8000),
    },
  ];
}

export interface PlannedRun {
  scenario: Scenario;
  variant: Variant;
  /** 1-based. */
  rep: number;
}

/** Interleaved order: scenario by scenario, A B C D, A B C D, … */
export function runOrder(list: readonly Scenario[], variants: readonly Variant[], reps: number): PlannedRun[] {
  const ordered = VARIANT_ORDER.filter((v) => variants.includes(v));
  const runs: PlannedRun[] = [];
  for (const scenario of list) {
    for (let rep = 1; rep <= reps; rep++) {
      // Only Skirmish has server bots.
      for (const variant of ordered) if (scenario.kind !== "bots" || variant === "skirmish") runs.push({ scenario, variant, rep });
    }
  }
  return runs;
}

/** Rough length of one run, ms, before any run of its scenario has been timed. */
export function estimateMs(s: Scenario): number {
  const startup = 2500;
  switch (s.kind) {
    case "steady": return startup + (s.rooms * s.perRoom) * 5 + s.settleMs + s.windowMs + 500;
    case "ramp": return s.maxMs * 0.5;
    case "storm": return startup + s.joins * 8;
    case "bots": return 3 * (startup + s.rooms * s.roomSize * 5 + s.settleMs + s.windowMs + 500);
  }
}
