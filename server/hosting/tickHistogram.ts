// Server: the tick-duration histogram, observed on every room tick (30 times a second per room,
// resting rooms included) and exported at scrape time in the exposition prom-client writes for its
// own histograms. prom-client's Histogram.observe hashes a label set and looks its bucket map up on
// every call (about a third of a resting room's tick in the idle benchmark); this keeps plain
// counters in typed arrays and builds the exported values only when /metrics is read.

import type { Registry } from "prom-client";

/** One exported sample, as prom-client's registry formats it. */
interface Sample {
  metricName: string;
  labels: Record<string, string | number>;
  value: number;
}

export class TickHistogram {
  readonly type = "histogram";
  readonly aggregator = "sum" as const;
  /** Observations per bucket (not cumulative); the last slot counts those above every bound. */
  private readonly counts: Float64Array;
  private sum = 0;
  private count = 0;

  constructor(
    readonly name: string,
    readonly help: string,
    /** Upper bounds, ascending, in seconds. */
    private readonly bounds: readonly number[],
    registry: Registry,
  ) {
    for (let i = 1; i < bounds.length; i++) {
      if (!(bounds[i] > bounds[i - 1])) throw new Error(`${name}: bucket bounds must ascend (${bounds.join(", ")})`);
    }
    this.counts = new Float64Array(bounds.length + 1);
    registry.registerMetric(this as unknown as Parameters<Registry["registerMetric"]>[0]);
  }

  observe(seconds: number): void {
    const bounds = this.bounds;
    let i = 0;
    while (i < bounds.length && seconds > bounds[i]) i++;
    this.counts[i]++;
    this.sum += seconds;
    this.count++;
  }

  /** What prom-client's registry reads: cumulative buckets with `le`, then _sum and _count. */
  get(): Promise<{ name: string; help: string; type: "histogram"; values: Sample[]; aggregator: "sum" }> {
    const values: Sample[] = [];
    let cumulative = 0;
    for (let i = 0; i <= this.bounds.length; i++) {
      cumulative += this.counts[i];
      values.push({ metricName: `${this.name}_bucket`, labels: { le: i < this.bounds.length ? this.bounds[i] : "+Inf" }, value: cumulative });
    }
    values.push({ metricName: `${this.name}_sum`, labels: {}, value: this.sum });
    values.push({ metricName: `${this.name}_count`, labels: {}, value: this.count });
    return Promise.resolve({ name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator });
  }

  reset(): void {
    this.counts.fill(0);
    this.sum = 0;
    this.count = 0;
  }
}
