// Bench (CLI): the flags of `npm run bench`, validated with messages that say what is allowed.

import { parseArgs } from "node:util";
import { SCENARIO_NAMES, type ScenarioName } from "../orchestrator/plan.js";
import { isVariant, VARIANT_ORDER, type Variant } from "../common/variants.js";

export interface BenchOptions {
  quick: boolean;
  reps: number;
  scenarios: ScenarioName[];
  variants: Variant[];
  seed: number;
  outDir: string | undefined;
  /** Write V8 CPU profiles of every child into the results folder. */
  profile: boolean;
  help: boolean;
}

export class UsageError extends Error {}

export const HELP = `Usage: npm run bench -- [options]

Measures Skirmish side by side with a minimal Colyseus room, a JSON-broadcast server and the raw
socket floor, interleaved (A B C D, A B C D, …), and writes bench-results/<time>/ (report.md,
charts, raw.json). Progress goes to stderr. See README "Benchmark".

Options:
  --quick               short windows and a coarse ramp: a few minutes in all
  --reps N              repetitions per scenario and variant, 3–20 (default 3)
  --scenarios LIST      comma-separated subset of ${SCENARIO_NAMES.join(", ")} (default all)
  --variants LIST       comma-separated subset of ${VARIANT_ORDER.join(", ")} (default all)
  --seed N              seed of the bots' input scripts (default 1)
  --out DIR             results folder (default bench-results/<timestamp>)
  --profile             also write V8 CPU profiles of every server and load process (node --cpu-prof)
  --help                this text
`;

function list<T extends string>(raw: string | undefined, allowed: readonly T[], what: string, valid: (s: string) => s is T): T[] {
  if (raw === undefined) return [...allowed];
  const items = raw.split(",").map((s) => s.trim()).filter(Boolean);
  const bad = items.filter((s) => !valid(s));
  if (bad.length > 0 || items.length === 0) {
    throw new UsageError(`--${what}: unknown ${bad.map((b) => `"${b}"`).join(", ") || "(empty)"}; allowed: ${allowed.join(", ")}`);
  }
  return allowed.filter((a) => items.includes(a));
}

function integer(raw: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max} (got "${raw}")`);
  return value;
}

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        quick: { type: "boolean", default: false },
        reps: { type: "string" },
        scenarios: { type: "string" },
        variants: { type: "string" },
        seed: { type: "string" },
        out: { type: "string" },
        profile: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const v = parsed.values;
  return {
    quick: v.quick ?? false,
    reps: integer(v.reps, "reps", 3, 3, 20),
    scenarios: list(v.scenarios, SCENARIO_NAMES, "scenarios", (s): s is ScenarioName => (SCENARIO_NAMES as readonly string[]).includes(s)),
    variants: list(v.variants, VARIANT_ORDER, "variants", isVariant),
    seed: integer(v.seed, "seed", 1, 0, 2 ** 31 - 1),
    outDir: v.out,
    profile: v.profile ?? false,
    help: v.help ?? false,
  };
}
