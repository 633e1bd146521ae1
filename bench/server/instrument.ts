// Bench server child: what the orchestrator cannot see from /proc: room tick durations and
// event-loop delay, per measurement window. The same instruments in every variant.

import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";
import { percentiles, SampleBuffer, type Percentiles } from "../common/stats.js";

/** Event-loop delay sampling resolution, ms (Node's default). */
const LOOP_RESOLUTION_MS = 10;

export interface ServerWindow {
  /** One sample per room tick: the fixed step(s) and the state broadcast that followed, ms. */
  tickMs: Percentiles;
  /** Event-loop delay over the window, ms (monitorEventLoopDelay). */
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  rooms: number;
  clients: number;
  /** The window's start and end on the monotonic clock V8's CPU profiles use, µs. */
  fromMonoUs: number;
  toMonoUs: number;
}

function monoUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/** Rooms and connected clients of the server right now. */
export type Census = () => Promise<{ rooms: number; clients: number }>;

export class Instruments {
  readonly ticks = new SampleBuffer();
  private readonly loop: IntervalHistogram = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  private windowStartUs = monoUs();

  constructor() {
    this.loop.enable();
  }

  /** Time `work` and record it as one tick. */
  timeTick(work: () => void): void {
    const started = performance.now();
    try {
      work();
    } finally {
      this.ticks.push(performance.now() - started);
    }
  }

  /** Node records each whole sampling interval (resolution included): the delay is what exceeds it. */
  private delayMs(recordedNs: number): number {
    return this.loop.count > 0 ? Math.max(0, recordedNs / 1e6 - LOOP_RESOLUTION_MS) : NaN;
  }

  /** Figures since the previous call; starts the next window. */
  async window(census: Census): Promise<ServerWindow> {
    const { rooms, clients } = await census();
    const result: ServerWindow = {
      tickMs: percentiles(this.ticks.take()),
      loopDelayP99Ms: this.delayMs(this.loop.percentile(99)),
      loopDelayMaxMs: this.delayMs(this.loop.max),
      rooms,
      clients,
      fromMonoUs: this.windowStartUs,
      toMonoUs: monoUs(),
    };
    this.windowStartUs = result.toMonoUs;
    this.loop.reset();
    return result;
  }
}
