// Bench (orchestrator): the environment a run measured: Node, package versions, CPU, kernel,
// commit, and how busy the machine already was.

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, loadavg, release, totalmem, type as osType } from "node:os";
import { fileURLToPath } from "node:url";

const PACKAGES = ["@colyseus/core", "@colyseus/schema", "@colyseus/sdk", "@colyseus/ws-transport", "ws", "tsx"] as const;

export interface Environment {
  node: string;
  packages: Record<string, string>;
  cpuModel: string;
  cores: number;
  memoryGB: number;
  kernel: string;
  os: string;
  /** HEAD of the repository (uncommitted changes are not detected). */
  commit: string;
  loadAverageAtStart: number[];
}

const root = fileURLToPath(new URL("../..", import.meta.url));

function versionOf(name: string): string {
  try {
    const pkg = JSON.parse(readFileSync(`${root}node_modules/${name}/package.json`, "utf8")) as { version?: string };
    return pkg.version ?? "?";
  } catch {
    return "not installed";
  }
}

function commit(): string {
  try {
    return execFileSync("git", ["rev-parse", "--short=12", "HEAD"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "unknown";
  }
}

export function environment(): Environment {
  return {
    node: process.version,
    packages: Object.fromEntries(PACKAGES.map((p) => [p, versionOf(p)])),
    cpuModel: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    memoryGB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    kernel: release(),
    os: osType(),
    commit: commit(),
    loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}
