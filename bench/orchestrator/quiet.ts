// Bench (orchestrator): waits, for a bounded time, until other processes leave the machine
// mostly idle, so a run does not start in the middle of someone else's build.

import { setTimeout as sleep } from "node:timers/promises";
import { machineCpu, processCpuMs } from "./procstat.js";

const SAMPLE_MS = 500;

/** Share of the whole machine (0–1) used by processes other than this one over `ms`. */
export async function outsideShare(ms = SAMPLE_MS): Promise<number> {
  const a = machineCpu();
  const selfA = processCpuMs(process.pid);
  await sleep(ms);
  const b = machineCpu();
  const self = processCpuMs(process.pid) - selfA;
  const total = b.totalMs - a.totalMs;
  return total > 0 ? Math.max(0, (b.busyMs - a.busyMs - self) / total) : 0;
}

/** Sample until the outside share is at most `threshold` or `maxWaitMs` passed; returns the last share. */
export async function waitForQuiet(threshold: number, maxWaitMs: number, onWait: (share: number) => void): Promise<number> {
  const deadline = performance.now() + maxWaitMs;
  let share = await outsideShare();
  let told = false;
  while (share > threshold && performance.now() < deadline) {
    if (!told) {
      onWait(share);
      told = true;
    }
    share = await outsideShare();
  }
  return share;
}
