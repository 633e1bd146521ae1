// Hosting: a bad configuration stops start-up with a message naming the variable and what is
// allowed (the real entry point, as an operator starts it).

import { describe, expect, it } from "vitest";
import { freePort, spawnServer, startServer } from "./helpers/processes.js";

async function startupFailure(env: Record<string, string>): Promise<{ code: number | null; output: string; ms: number }> {
  const startedAt = Date.now();
  const server = await spawnServer(env);
  const exit = await Promise.race([
    server.exited,
    new Promise<never>((_, reject) => setTimeout(() => {
      server.kill();
      reject(new Error(`server did not exit:\n${server.output()}`));
    }, 20_000)),
  ]);
  return { code: exit.code, output: server.output(), ms: exit.at - startedAt };
}

describe("start-up configuration", () => {
  it("stops on bad values, naming every bad variable", async () => {
    const { code, output } = await startupFailure({ PORT: "http", TICK_RATE: "1000", ALLOWED_ORIGINS: "evil" });
    expect(code).toBe(1);
    expect(output).toMatch(/configuration: PORT must be an integer from 0 to 65535 \(got \\?"http\\?"\)/);
    expect(output).toMatch(/configuration: TICK_RATE must be an integer \(Hz\) from 10 to 60/);
    expect(output).toMatch(/configuration: ALLOWED_ORIGINS must be/);
  });

  it("stops when Redis cannot be reached, saying where", async () => {
    const port = await freePort(); // nothing listens there
    const { code, output, ms } = await startupFailure({ REDIS_URL: `redis://:secret@127.0.0.1:${port}`, PUBLIC_ADDRESS: "127.0.0.1:1" });
    expect(code).toBe(1);
    expect(output).toMatch(new RegExp(`cannot reach Redis at redis://:\\*\\*\\*@127\\.0\\.0\\.1:${port}`));
    expect(output).not.toContain("secret");
    expect(ms).toBeLessThan(30_000); // 10 s of retries, plus start-up on a busy machine
  });

  it("stops when the port is taken", async () => {
    const taken = await startServer({});
    try {
      // Started as npm start starts it: no warning about its Node flags.
      expect(taken.logs.filter((line) => /Node flags/.test(String(line.msg)))).toEqual([]);
      const { code, output } = await startupFailure({ PORT: String(taken.port) });
      expect(code).toBe(1);
      expect(output).toMatch(/cannot listen on 127\.0\.0\.1:\d+: .*EADDRINUSE/);
    } finally {
      taken.kill();
    }
  });

  it("warns, and runs, when started without npm start's Node flags", async () => {
    const server = await startServer({}, undefined, []);
    try {
      const warning = server.logs.find((line) => /Node flags/.test(String(line.msg)));
      expect(warning?.level).toBe("warn");
      expect(warning?.msg).toContain("--max-semi-space-size=4");
    } finally {
      server.kill();
    }
  });
});
