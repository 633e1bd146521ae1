import { Histogram, Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { TickHistogram } from "./tickHistogram.js";

const BOUNDS = [0.0001, 0.001, 0.01, 0.1];

describe("TickHistogram", () => {
  it("exports exactly what prom-client's own histogram exports for the same observations", async () => {
    const ours = new Registry();
    const theirs = new Registry();
    const tick = new TickHistogram("t_seconds", "Tick time.", BOUNDS, ours);
    const reference = new Histogram({ name: "t_seconds", help: "Tick time.", buckets: BOUNDS, registers: [theirs] });
    // On a bound, between bounds, below the first, above the last.
    for (const s of [0, 0.00005, 0.0001, 0.0005, 0.001, 0.002, 0.01, 0.05, 0.1, 0.2, 3]) {
      tick.observe(s);
      reference.observe(s);
    }
    const text = await ours.metrics();
    expect(text).toBe(await theirs.metrics());
    expect(text).toContain('t_seconds_bucket{le="0.0001"} 3');
    expect(text).toContain('t_seconds_bucket{le="+Inf"} 11');
    expect(text).toContain("t_seconds_count 11");
  });

  it("starts from zero after reset and refuses bounds out of order", async () => {
    const registry = new Registry();
    const tick = new TickHistogram("r_seconds", "h", BOUNDS, registry);
    tick.observe(0.5);
    tick.reset();
    expect(await registry.metrics()).toContain("r_seconds_count 0");
    expect(() => new TickHistogram("bad", "h", [0.1, 0.01], new Registry())).toThrow(/ascend/);
  });
});
