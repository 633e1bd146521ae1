// Bench (orchestrator): one server child and one load child for one run, and measurement windows
// over them: server CPU and RSS from /proc, machine load, and what both children measured.

import type { WriteStream } from "node:fs";
import { startChild, type BenchChild, type Pinning } from "./children.js";
import type { ConnectResult, ConnectSpec, LoadWindow, ServerSettings, StormSpec } from "../common/contracts.js";
import { machineCpu, processCpu, processCpuMs, processRssBytes, processWriteCalls, type MachineCpu } from "./procstat.js";
import type { ServerWindow } from "../server/instrument.js";
import { SERVER_NODE_FLAGS } from "../../server/hosting/nodeFlags.js";

/** Child start-up (tsx transpiles on first import), ms. */
const START_TIMEOUT_MS = 60_000;
const WINDOW_TIMEOUT_MS = 15_000;

export interface ProcSample {
  at: number;
  serverCpuMs: number;
  serverSystemMs: number;
  /** Write system calls of the server process (socket writes, plus a few for logs and IPC). */
  serverWrites: number;
  loadCpuMs: number;
  selfCpuMs: number;
  machine: MachineCpu;
}

/** One measurement window: raw figures; metrics are derived in metrics.ts. */
export interface WindowSample {
  wallMs: number;
  /** utime + stime of the server process. */
  serverCpuMs: number;
  /** Of serverCpuMs: stime (kernel). */
  serverSystemMs: number;
  /** Write system calls the server made (one per socket write; logs and IPC add a few). */
  serverWrites: number;
  loadCpuMs: number;
  selfCpuMs: number;
  machineBusyMs: number;
  machineTotalMs: number;
  stealMs: number;
  serverRssBytes: number;
  /** Server RSS before any client connected. */
  serverRssIdleBytes: number;
  server: ServerWindow;
  load: LoadWindow;
}

export class Session {
  private started: ProcSample | undefined;

  private constructor(
    readonly server: BenchChild,
    readonly load: BenchChild,
    readonly url: string,
    readonly rssIdleBytes: number,
  ) {}

  /** `profileDir`: write a V8 CPU profile of both children there (node --cpu-prof). */
  static async open(settings: ServerSettings, pinning: Pinning, log: WriteStream | undefined, profileDir?: string): Promise<Session> {
    // One directory per child: Node names each thread's profile (the tsx loader runs in its own thread).
    const profile = (name: string) => (profileDir ? ["--cpu-prof", "--cpu-prof-interval=137", `--cpu-prof-dir=${profileDir}/${name}`] : []);
    const server = startChild({
      entry: "server/main.ts", args: [], env: { BENCH_SERVER: JSON.stringify(settings) },
      core: pinning.server, name: `server:${settings.variant}`, log,
      // Skirmish runs with the production server's Node flags (as npm start); the baselines with Node's defaults.
      nodeFlags: [...(settings.variant === "skirmish" ? SERVER_NODE_FLAGS : []), ...profile(`server-${settings.variant}`)],
    });
    const load = startChild({ entry: "load/main.ts", args: [], core: pinning.load, name: "load", log, nodeFlags: profile(`load-${settings.variant}`) });
    try {
      const [ready] = await Promise.all([
        server.ipc.waitFor<{ port: number }>("ready", START_TIMEOUT_MS),
        load.ipc.waitFor("ready", START_TIMEOUT_MS),
      ]);
      return new Session(server, load, `http://127.0.0.1:${ready.port}`, processRssBytes(server.pid));
    } catch (error) {
      await Promise.all([server.stop(), load.stop()]);
      const output = [server.tail(), load.tail()].filter(Boolean).join("\n").split("\n").slice(-6).join(" | ");
      throw new Error(`${(error as Error).message}${output ? `: ${output}` : ""}`);
    }
  }

  connect(spec: Omit<ConnectSpec, "url">, timeoutMs: number): Promise<ConnectResult> {
    return this.load.ipc.request<ConnectResult>("connect", { ...spec, url: this.url }, timeoutMs);
  }

  storm(spec: Omit<StormSpec, "url">, timeoutMs: number): Promise<ConnectResult & { rooms: number }> {
    return this.load.ipc.request("storm", { ...spec, url: this.url }, timeoutMs);
  }

  private sample(): ProcSample {
    const server = processCpu(this.server.pid);
    return {
      at: performance.now(),
      serverCpuMs: server.userMs + server.systemMs,
      serverSystemMs: server.systemMs,
      serverWrites: processWriteCalls(this.server.pid),
      loadCpuMs: processCpuMs(this.load.pid),
      selfCpuMs: processCpuMs(process.pid),
      machine: machineCpu(),
    };
  }

  /** Start a window: everything counted so far is discarded. */
  async mark(): Promise<void> {
    await Promise.all([
      this.server.ipc.request("window", null, WINDOW_TIMEOUT_MS),
      this.load.ipc.request("window", null, WINDOW_TIMEOUT_MS),
    ]);
    this.started = this.sample();
  }

  /** End the window started by mark(). */
  async measure(): Promise<WindowSample> {
    const a = this.started;
    if (!a) throw new Error("measure() without mark()");
    const b = this.sample();
    const rss = processRssBytes(this.server.pid);
    const [server, load] = await Promise.all([
      this.server.ipc.request<ServerWindow>("window", null, WINDOW_TIMEOUT_MS),
      this.load.ipc.request<LoadWindow>("window", null, WINDOW_TIMEOUT_MS),
    ]);
    this.started = undefined;
    return {
      wallMs: b.at - a.at,
      serverCpuMs: b.serverCpuMs - a.serverCpuMs,
      serverSystemMs: b.serverSystemMs - a.serverSystemMs,
      serverWrites: b.serverWrites - a.serverWrites,
      loadCpuMs: b.loadCpuMs - a.loadCpuMs,
      selfCpuMs: b.selfCpuMs - a.selfCpuMs,
      machineBusyMs: b.machine.busyMs - a.machine.busyMs,
      machineTotalMs: b.machine.totalMs - a.machine.totalMs,
      stealMs: b.machine.stealMs - a.machine.stealMs,
      serverRssBytes: rss,
      serverRssIdleBytes: this.rssIdleBytes,
      server,
      load,
    };
  }

  async close(): Promise<void> {
    await this.load.ipc.request("close", null, 5000).catch(() => undefined);
    await Promise.all([this.load.stop(), this.server.stop()]);
  }
}
