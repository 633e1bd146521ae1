// Bench (CLI): progress on stderr: which scenario, variant and repetition runs, and the time left
// (estimated from the runs of the same scenario so far).

import { formatDuration } from "../report/format.js";
import { estimateMs, type PlannedRun, type ScenarioName } from "../orchestrator/plan.js";
import { VARIANTS } from "../common/variants.js";

export class Progress {
  private readonly timings = new Map<ScenarioName, number[]>();
  private readonly started = performance.now();

  constructor(private readonly runs: readonly PlannedRun[], private readonly write: (line: string) => void = (l) => process.stderr.write(`${l}\n`)) {}

  say(line: string): void {
    this.write(line);
  }

  /** Announce run `index` (0-based) and the estimated time left including it. */
  starting(index: number, attempt: number): void {
    const run = this.runs[index];
    const left = this.runs.slice(index).reduce((sum, r) => sum + this.expectedMs(r), 0);
    this.write(
      `[${index + 1}/${this.runs.length}] ${run.scenario.name} · ${VARIANTS[run.variant].label} · rep ${run.rep}` +
      `${attempt > 1 ? ` (attempt ${attempt}: the previous one was disturbed by outside load)` : ""}` +
      ` · ${formatDuration(performance.now() - this.started)} elapsed · ~${formatDuration(left)} left`,
    );
  }

  finished(run: PlannedRun, ms: number): void {
    const list = this.timings.get(run.scenario.name) ?? [];
    list.push(ms);
    this.timings.set(run.scenario.name, list);
  }

  private expectedMs(run: PlannedRun): number {
    const list = this.timings.get(run.scenario.name);
    return list && list.length > 0 ? list.reduce((a, b) => a + b, 0) / list.length : estimateMs(run.scenario);
  }
}
