// Unit: the production server's Node flags: npm's scripts pass exactly them, a missing one is
// noticed, and they take effect.

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { missingNodeFlags, SERVER_NODE_FLAGS } from "./nodeFlags.js";

const scripts = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { scripts: Record<string, string> }).scripts;

describe("the production server's Node flags", () => {
  it("are passed by npm start and npm run soak, before the entry module", () => {
    expect(SERVER_NODE_FLAGS.length).toBeGreaterThan(0);
    for (const [script, entry] of [["start", "server/main.ts"], ["soak", "soak/cli.ts"]] as const) {
      const command = scripts[script]!;
      expect(command.slice(command.indexOf("tsx ")), script).toBe(`tsx ${SERVER_NODE_FLAGS.join(" ")} ${entry}`);
    }
  });

  it("are reported missing unless their option is given, on the command line or in NODE_OPTIONS", () => {
    expect(missingNodeFlags([], "")).toEqual([...SERVER_NODE_FLAGS]);
    expect(missingNodeFlags(["--import", "tsx", ...SERVER_NODE_FLAGS], "")).toEqual([]);
    expect(missingNodeFlags([], ` --inspect ${SERVER_NODE_FLAGS.join(" ")} `)).toEqual([]);
    // Another value, or V8's underscore spelling, is the host's choice.
    expect(missingNodeFlags(["--max-semi-space-size=16"], "")).toEqual([]);
    expect(missingNodeFlags([], "--max_semi_space_size=8")).toEqual([]);
    expect(missingNodeFlags(["--max-old-space-size=4096"], "--semi-space-growth-factor=2")).toEqual([...SERVER_NODE_FLAGS]);
  });

  it("take effect: the young generation of a process started with them stops at 2 × 4 MB", () => {
    // Keep 2 million small objects alive: without the cap the young generation grows past 8 MB.
    const probe = "const v8=require('node:v8');const keep=[];for(let i=0;i<2e6;i++)keep.push({i});" +
      "console.log(v8.getHeapSpaceStatistics().find((s)=>s.space_name==='new_space').space_size)";
    const youngBytes = (flags: readonly string[]) =>
      Number(execFileSync(process.execPath, [...flags, "-e", probe], { encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } }).trim());
    const capped = youngBytes(SERVER_NODE_FLAGS);
    expect(capped).toBeGreaterThan(0);
    expect(capped).toBeLessThanOrEqual(2 * 4 * 1024 * 1024);
    expect(youngBytes([])).toBeGreaterThan(capped);
  });
});
