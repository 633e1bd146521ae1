// Tests: Skirmish server processes started like an operator would (node + env), and free ports.

import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer, type AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { statusOf, waitFor } from "../../helpers/waitFor.js";
import { SERVER_NODE_FLAGS, serverNodeArgs } from "../../../server/hosting/nodeFlags.js";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** A port nothing listens on right now (loopback). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  url: string;
  /** Log lines so far, parsed (the process logs JSON). */
  logs: Array<Record<string, unknown>>;
  /** Raw output so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code (or signal name) once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  kill(signal?: NodeJS.Signals): void;
}

/** Start `server/main.ts` with these variables (HOST is loopback, logs are JSON; match records go
 *  to a fresh temporary DATA_DIR, deleted on exit, unless `env` names one) and, as npm start, the
 *  production Node flags unless told others. Does not wait. */
export async function spawnServer(env: Record<string, string>, port?: number, nodeFlags: readonly string[] = SERVER_NODE_FLAGS): Promise<ServerProcess> {
  const listenPort = port ?? (await freePort());
  const ownDataDir = env.DATA_DIR === undefined ? mkdtempSync(join(tmpdir(), "skirmish-data-")) : undefined;
  const child = spawn(process.execPath, serverNodeArgs(nodeFlags), {
    cwd: repoRoot,
    env: {
      ...process.env, HOST: "127.0.0.1", PORT: String(listenPort), LOG_FORMAT: "json", LOG_LEVEL: "info",
      ...(ownDataDir ? { DATA_DIR: ownDataDir } : {}), ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const logs: Array<Record<string, unknown>> = [];
  let partial = "";
  const onData = (chunk: Buffer) => {
    const text = chunk.toString();
    output += text;
    if (process.env.TEST_LOG === "1") process.stdout.write(text);
    partial += text;
    const lines = partial.split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // not a JSON line (a library writing to the console)
      }
    }
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) => {
    child.once("exit", (code, signal) => {
      if (ownDataDir) rmSync(ownDataDir, { recursive: true, force: true });
      resolve({ code, signal, at: Date.now() });
    });
  });
  return {
    child, port: listenPort, url: `http://127.0.0.1:${listenPort}`, logs, exited,
    output: () => output,
    kill: (signal = "SIGKILL") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
  };
}

/** Start a server process and wait until /readyz says ready. */
export async function startServer(env: Record<string, string>, port?: number, nodeFlags?: readonly string[]): Promise<ServerProcess> {
  const server = await spawnServer(env, port, nodeFlags);
  let exitedEarly = false;
  void server.exited.then(() => { exitedEarly = true; });
  try {
    const outcome = await waitFor(`server on port ${server.port} to be ready`, async () =>
      exitedEarly ? "exited" : (await statusOf(`${server.url}/readyz`)) === 200 && "ready",
    { timeoutMs: 30_000, intervalMs: 100 });
    if (outcome === "exited") throw new Error("server exited during start-up");
  } catch (error) {
    server.kill();
    throw new Error(`${(error as Error).message}\n${server.output()}`);
  }
  return server;
}
