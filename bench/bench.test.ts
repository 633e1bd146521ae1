// Tests (bench): the pure parts (percentiles, classification, options, SVG, report) and one micro
// run of every variant (2 clients, ~1 s) proving the measurement pipeline yields sane figures.
// Shape and sanity only: nothing here asserts a speed.

import { describe, expect, it } from "vitest";
import { buildCharts } from "./report/charts.js";
import { environment } from "./orchestrator/env.js";
import { kindOfBinary, kindOfJson } from "./load/traffic.js";
import { Code, CODE_MASK, TIMED } from "./common/protocolBytes.js";
import { Protocol, ProtocolModifier } from "@colyseus/core";
import { STEADY_METRICS, type Metrics } from "./orchestrator/metrics.js";
import { parseBenchArgs, UsageError } from "./cli/options.js";
import { runOrder, scenarios, type SteadyScenario } from "./orchestrator/plan.js";
import { baselineUpdates, brokenLimits, nextStepRooms, type RampStep } from "./orchestrator/ramp.js";
import { buildReport } from "./report/report.js";
import { runSteady, type RunRecord } from "./orchestrator/runner.js";
import { percentiles, spread } from "./common/stats.js";
import { summarize } from "./report/summary.js";
import { barChart, lineChart } from "./report/svg.js";
import { VARIANT_ORDER, VARIANTS } from "./common/variants.js";

/** Well-formedness of the XML our SVG writer emits: balanced tags, quoted attributes, escaped text. */
function checkXml(xml: string): void {
  const stack: string[] = [];
  const tag = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
    const text = xml.slice(last, m.index);
    expect(text, `stray markup before <${m[2]}>`).not.toMatch(/[<>]|&(?!amp;|lt;|gt;|quot;)/);
    last = tag.lastIndex;
    if (m[1]) expect(stack.pop(), `closing </${m[2]}>`).toBe(m[2]);
    else if (!m[4]) stack.push(m[2]);
  }
  expect(xml.slice(last).trim()).toBe("");
  expect(stack).toEqual([]);
}

describe("bench: pure parts", () => {
  it("percentiles and spreads", () => {
    expect(percentiles([5, 1, 3, 2, 4])).toEqual({ count: 5, p50: 3, p99: 5, max: 5 });
    expect(spread([3, NaN, 1, 2, 10])).toEqual({ median: 2.5, min: 1, max: 10, n: 4 });
    expect(spread([]).n).toBe(0);
  });

  it("classifies messages without decoding them", () => {
    expect(kindOfBinary(15 | TIMED, 9)).toBe("heartbeat");
    expect(kindOfBinary(15 | TIMED, 40)).toBe("update");
    expect(kindOfBinary(15, 30)).toBe("update");
    expect(kindOfBinary(14 | TIMED, 300)).toBe("state");
    expect(kindOfBinary(13, 70)).toBe("event");
    expect(kindOfBinary(10, 200)).toBe("other");
    expect(kindOfJson(Buffer.from('{"type":"state","tick":1}'))).toBe("update");
    expect(kindOfJson(Buffer.from('{"type":"welcome","id":"x"}'))).toBe("state");
  });

  it("parses flags and refuses bad ones with what is allowed", () => {
    const o = parseBenchArgs(["--quick", "--scenarios", "arena,ramp", "--variants", "raw,skirmish"]);
    expect(o).toMatchObject({ quick: true, reps: 3, scenarios: ["arena", "ramp"], variants: ["skirmish", "raw"] });
    expect(() => parseBenchArgs(["--reps", "2"])).toThrow(UsageError);
    expect(() => parseBenchArgs(["--scenarios", "nope"])).toThrow(/allowed: arena/);
  });

  it("breaks the ramp on CPU at once, and on updates against the light-load rate", () => {
    const m = (cpu: number, updates: number) => ({ serverCpuPct: cpu, updatesPerClientSec: updates, tickP99Ms: 1, loopDelayP99Ms: 1 }) as Metrics;
    const steps = [29.5, 30.4].map((u) => ({ metrics: m(10, u) }) as RampStep);
    expect(baselineUpdates(steps.slice(0, 1), m(10, 29.7), 3)).toBeNaN();
    expect(baselineUpdates(steps, m(10, 29.7), 3)).toBe(29.7);
    expect(baselineUpdates(steps, m(10, 31), 1)).toBe(29.5);
    expect(baselineUpdates([], m(10, 31), 1)).toBeCloseTo(30, 9); // never above the patch rate
    expect(brokenLimits(m(86, 30), 30)).toHaveLength(1);
    expect(brokenLimits(m(50, 29.3), 30)).toHaveLength(1);
    expect(brokenLimits(m(50, 29.5), 30)).toEqual([]);
    expect(brokenLimits(m(50, 1), NaN)).toEqual([]);
  });

  it("speaks the protocol bytes Colyseus uses", () => {
    for (const [name, code] of Object.entries(Code)) expect(Protocol[name as keyof typeof Protocol], name).toBe(code);
    expect(ProtocolModifier.TIMED).toBe(TIMED);
    expect(Math.max(...Object.values(Protocol))).toBeLessThanOrEqual(CODE_MASK);
  });

  it("ramps in big steps while far from the limit, then 50 clients a step", () => {
    const plan = { growth: 1, fineAbovePct: 50, fineStepRooms: 5 };
    expect(nextStepRooms(10, 10, plan)).toBe(10); // 100 clients at 10 %: double
    expect(nextStepRooms(40, 48, plan)).toBe(5); // doubling would pass half a core: +50 clients
    expect(nextStepRooms(60, 70, plan)).toBe(5);
    expect(nextStepRooms(2, 1, plan)).toBe(5); // never less than a fine step
  });

  it("interleaves variants within each repetition", () => {
    const order = runOrder(scenarios(true).slice(0, 1), ["raw", "skirmish", "json", "minimal"], 3);
    expect(order.map((r) => r.variant).slice(0, 8)).toEqual([...VARIANT_ORDER, ...VARIANT_ORDER]);
    expect(order.map((r) => r.rep)).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3]);
  });

  it("writes well-formed SVG charts", () => {
    const line = lineChart({ title: "a < b & c", xLabel: "x", yLabel: "y" }, [
      { name: "one", color: "#f00", points: [{ x: 0, y: 1 }, { x: 50, y: 3 }] },
      { name: "two", color: "#00f", points: [{ x: 10, y: NaN }, { x: 20, y: 2 }] },
    ]);
    const bars = barChart({ title: "bars", xLabel: "s", yLabel: "v", logY: true }, ["p", "q"], [
      { name: "one", color: "#f00", values: [1, 1000] },
      { name: "two", color: "#0f0", values: [0.01, NaN] },
    ]);
    for (const svg of [line, bars]) {
      expect(svg.startsWith("<svg")).toBe(true);
      checkXml(svg);
    }
    expect(line).toContain("a &lt; b &amp; c");
    expect(bars.match(/<rect x=/g)?.length).toBe(3 + 2 /* legend swatches */ + 1 /* plot frame */);
  });
});

describe("bench: micro run of every variant", () => {
  it("connects, measures and reports every metric", async () => {
    const tiny: SteadyScenario = {
      name: "arena", kind: "steady", about: "micro run", rooms: 1, perRoom: 2, moving: true, probes: 1, settleMs: 300, windowMs: 1200,
    };
    // All four at once (seconds, not a measurement): the raw floor replays the built-in profile.
    const parts = await Promise.all(VARIANT_ORDER.map((variant) => runSteady(tiny, variant, {
      pinning: { available: false, note: "test" }, log: undefined, seed: 1, profile: undefined, say: () => undefined,
    })));
    const records: RunRecord[] = [];
    for (const [i, part] of parts.entries()) {
      const variant = VARIANT_ORDER[i];
      const m = part.metrics!;
      expect(m.clients, variant).toBe(2);
      expect(part.connect?.failed, variant).toBe(0);
      expect(m.downPayloadBPerClientSec, variant).toBeGreaterThan(0);
      expect(m.downWireBPerClientSec, variant).toBeGreaterThanOrEqual(m.downPayloadBPerClientSec);
      expect(m.upPayloadBPerClientSec, variant).toBeGreaterThan(0);
      expect(m.updatesPerClientSec, variant).toBeGreaterThan(5);
      expect(m.cpuMsPerClientSec, variant).toBeGreaterThanOrEqual(0);
      expect(m.rssMB, variant).toBeGreaterThan(10);
      expect(part.window?.server.tickMs.count, variant).toBeGreaterThan(10);
      expect(Number.isFinite(m.loopDelayP99Ms), variant).toBe(true);
      records.push({ scenario: "arena", variant, rep: 1, attempt: 1, startedAt: "", durationMs: 1, ok: true, disturbed: false, ...part });
    }
    expect(parts[0].profile?.down.length, "Skirmish yields a traffic profile").toBeGreaterThan(0);
    const summaries = summarize(records, ["arena"]);
    const report = buildReport({
      startedAt: "now", durationMs: 1, quick: true, reps: 1, seed: 1, pinningNote: "test", env: environment(),
      scenarios: [tiny], summaries, records, charts: [...buildCharts(records, summaries).keys()],
    });
    for (const metric of STEADY_METRICS) expect(report).toContain(metric.label);
    for (const v of VARIANT_ORDER) expect(report).toContain(VARIANTS[v].label);
    expect(report).toContain("Skirmish ÷ Raw floor");
  }, 180_000);
});
