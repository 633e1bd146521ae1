// The bots CLI as a user runs it: a real process against a real server.

import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BotsReport } from "../bots/report.js";
import { startGameServer, type RunningServer } from "./helpers/gameServer.js";

let server: RunningServer;

beforeAll(async () => {
  server = await startGameServer();
});

afterAll(async () => {
  await server.stop();
});

function runCli(args: string[], timeoutMs = 60_000, onStderr?: (text: string, child: ReturnType<typeof spawn>) => void): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "bots/cli.ts", ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => {
      stderr += d;
      onStderr?.(stderr, child);
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`bots CLI did not finish in ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe("bots CLI", () => {
  it("explains its flags with --help", async () => {
    const r = await runCli(["--help"]);
    expect(r.code).toBe(0);
    for (const flag of ["--url", "--count", "--room", "--duration", "--behavior", "--net", "--json", "--seed"]) {
      expect(r.stdout).toContain(flag);
    }
  });

  it("stops at the first Ctrl-C: the bots leave and the report covers what was measured", async () => {
    let interrupted = false;
    const started = Date.now();
    const r = await runCli(["--url", server.url, "--count", "2", "--duration", "60s", "--json"], 45_000, (text, child) => {
      // Once the bots are playing (a progress line), press Ctrl-C once.
      if (!interrupted && /bots 2\/2 in/.test(text)) {
        interrupted = true;
        child.kill("SIGINT");
      }
    });
    expect(interrupted).toBe(true);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/press Ctrl-C again to quit at once/);
    const report = JSON.parse(r.stdout) as BotsReport;
    expect(report.play?.joined).toBe(2);
    expect(report.play!.durationMs).toBeLessThan(30_000);
    expect(Date.now() - started).toBeLessThan(40_000);
  });

  it("rejects a bad flag with exit code 2 and says what is allowed", async () => {
    const r = await runCli(["--behavior", "camp"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--behavior must be one of idle, wander, fight/);
    expect(r.stdout).toBe("");
  });

  it("plays a short game through a simulated link and prints a valid JSON report", async () => {
    const r = await runCli(["--url", server.url, "--count", "3", "--duration", "3s", "--net", "wifi", "--seed", "5", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    // Live progress goes to stderr, one line a second.
    // The same figures as the browser's net graph.
    expect(r.stderr).toMatch(/bots 3\/3 in 1 room · rtt \d+ ms · input \d+ ms · jitter [\d.]+ ms · stalls \d+ · delay \d+ ms · frozen [\d.]+ %/);
    const report = JSON.parse(r.stdout) as BotsReport;
    expect(report).toMatchObject({ version: 1, scenario: "play", url: server.url, seed: 5, behavior: "fight" });
    expect(report.net).toMatchObject({ name: "wifi", rttMs: 40 });
    const play = report.play!;
    expect(play.joined).toBe(3);
    expect(play.failures).toEqual([]);
    expect(play.durationMs).toBeGreaterThanOrEqual(3000);
    const g = play.figures;
    expect(g.correctionPx.count).toBeGreaterThan(30);
    expect(g.ackLatencyMs.p50).toBeGreaterThan(40);
    // The ping is the link's round trip (40 ms ± 10); the input delay adds the server's wait.
    expect(g.rttMs.p50).toBeGreaterThan(30);
    expect(g.rttMs.p50).toBeLessThan(g.ackLatencyMs.p50);
    expect(g.delayMs.count).toBeGreaterThan(30);
    expect(g.drawErrorPx.count).toBeGreaterThan(30);
    expect(g.patchesPerSec).toBeGreaterThan(10);
    expect(g.downBytesPerSec).toBeGreaterThan(100);
    expect(g.upBytesPerSec).toBeGreaterThan(50);
  });

  it("reports a wrong room code clearly", async () => {
    const r = await runCli(["--url", server.url, "--count", "1", "--duration", "1s", "--room", "NOPE42", "--json"]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as BotsReport;
    expect(report.play?.failures[0]?.error).toMatch(/NOPE42/);
  });
});
