// Bench (orchestrator): starts the server and load-generator processes, pinned to their own
// cores when taskset is available, with an IPC channel and their output in a log file.

import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, type WriteStream } from "node:fs";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { IpcClient } from "../common/ipc.js";

const TASKSET = "/usr/bin/taskset";
/** Output kept per child for error messages, characters. */
const TAIL_CHARS = 1500;

/** Which core runs what; undefined = not pinned. */
export interface Pinning {
  available: boolean;
  server?: number;
  load?: number;
  /** Why pinning is off, for the report. */
  note: string;
}

/** Server on core 0, load generator (and this process) on core 1, when there are 2+ cores and taskset. */
export function planPinning(): Pinning {
  const cores = cpus().length;
  if (!existsSync(TASKSET)) return { available: false, note: `${TASKSET} not found: processes not pinned` };
  if (cores < 2) return { available: false, note: `only ${cores} core: processes not pinned` };
  return { available: true, server: 0, load: 1, note: `server on core 0, load generator and orchestrator on core 1 (taskset)` };
}

/** Pin this process (all its threads) to `core`; false when that failed. */
export function pinSelf(core: number): boolean {
  const result = spawnSync(TASKSET, ["-a", "-p", "-c", String(core), String(process.pid)], { stdio: "ignore" });
  return result.status === 0;
}

export interface BenchChild {
  process: ChildProcess;
  ipc: IpcClient;
  pid: number;
  /** The last lines it printed (for error messages). */
  tail(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it exited. */
  stop(graceMs?: number): Promise<void>;
}

export interface ChildSpec {
  /** Module under bench/, e.g. "server/main.ts". */
  entry: string;
  args: string[];
  env?: Record<string, string>;
  core: number | undefined;
  name: string;
  log: WriteStream | undefined;
  /** Extra Node flags, e.g. `--cpu-prof`. */
  nodeFlags?: string[];
}

/** Start `node --import tsx bench/<entry>` (no tsx wrapper process, so the pid is the worker itself). */
export function startChild(spec: ChildSpec): BenchChild {
  const script = fileURLToPath(new URL(`../${spec.entry}`, import.meta.url));
  const nodeArgs = [...(spec.nodeFlags ?? []), "--import", "tsx", script, ...spec.args];
  const [command, args] = spec.core === undefined
    ? [process.execPath, nodeArgs]
    : [TASKSET, ["-c", String(spec.core), process.execPath, ...nodeArgs]];
  const child = spawn(command, args, {
    stdio: ["ignore", "pipe", "pipe", "ipc"],
    env: { ...process.env, ...spec.env },
  });
  const prefix = `[${spec.name}] `;
  let tail = "";
  const pipe = (chunk: Buffer) => {
    const text = chunk.toString();
    tail = (tail + text).slice(-TAIL_CHARS);
    spec.log?.write(prefix + text.replace(/\n(?=.)/g, `\n${prefix}`));
  };
  child.stdout?.on("data", pipe);
  child.stderr?.on("data", pipe);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    process: child,
    ipc: new IpcClient(child, spec.name),
    pid: child.pid ?? -1,
    tail: () => tail.trim(),
    async stop(graceMs = 3000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

export function openLog(path: string | undefined): WriteStream | undefined {
  return path ? createWriteStream(path, { flags: "a" }) : undefined;
}
