// Bench (orchestrator): CPU time and memory of processes and of the whole machine, from /proc.

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

/** Kernel clock ticks per second (USER_HZ), the unit of /proc CPU times. */
export const CLOCK_TICKS = readClockTicks();

function readClockTicks(): number {
  try {
    const value = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());
    return Number.isFinite(value) && value > 0 ? value : 100;
  } catch {
    return 100;
  }
}

export interface ProcessCpu {
  /** utime: in user space (JavaScript, V8, libuv), ms. */
  userMs: number;
  /** stime: in the kernel on the process' behalf (socket writes and reads, TCP), ms. */
  systemMs: number;
}

/** CPU time of a process (all its threads); NaN when it is gone. */
export function processCpu(pid: number): ProcessCpu {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may contain spaces) start at field 3.
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { userMs: (Number(fields[11]) * 1000) / CLOCK_TICKS, systemMs: (Number(fields[12]) * 1000) / CLOCK_TICKS };
  } catch {
    return { userMs: NaN, systemMs: NaN };
  }
}

/** utime + stime of a process, ms; NaN when it is gone. */
export function processCpuMs(pid: number): number {
  const cpu = processCpu(pid);
  return cpu.userMs + cpu.systemMs;
}

/** Write system calls a process made so far (syscw of /proc/<pid>/io: write, writev… on any file
 *  or socket), or NaN when it is gone or /proc does not say. */
export function processWriteCalls(pid: number): number {
  try {
    const match = /^syscw:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/io`, "utf8"));
    return match ? Number(match[1]) : NaN;
  } catch {
    return NaN;
  }
}

/** Resident set size (VmRSS), bytes; NaN when the process is gone. */
export function processRssBytes(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

export interface MachineCpu {
  /** Busy time over all cores (user, nice, system, irq, softirq, steal), ms. */
  busyMs: number;
  /** Busy + idle + iowait over all cores, ms. */
  totalMs: number;
  /** Of busyMs: time stolen by the hypervisor, ms. */
  stealMs: number;
}

/** The aggregate "cpu" line of /proc/stat; zeros where /proc is unavailable. */
export function machineCpu(): MachineCpu {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n").find((l) => l.startsWith("cpu "));
    if (!line) return { busyMs: 0, totalMs: 0, stealMs: 0 };
    const [user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
    const toMs = (ticks: number) => ((ticks || 0) * 1000) / CLOCK_TICKS;
    const busy = user + nice + system + irq + softirq + (steal || 0);
    return { busyMs: toMs(busy), totalMs: toMs(busy + idle + iowait), stealMs: toMs(steal) };
  } catch {
    return { busyMs: 0, totalMs: 0, stealMs: 0 };
  }
}
