// Test runner configuration: unit tests beside their modules, cross-module tests in test/.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["shared/**/*.test.ts", "server/**/*.test.ts", "client/**/*.test.ts", "bots/**/*.test.ts", "bench/**/*.test.ts", "test/**/*.test.ts"],
    // Over-the-wire and browser tests start real servers; the machine has 2 shared cores.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each file gets its own process: Colyseus' matchmaker is a per-process singleton.
    pool: "forks",
    fileParallelism: true,
    maxWorkers: 2,
    // Tests count the players they put in a room: no quick-play bots unless a test asks for them
    // (test/roomBots.test.ts sets its own configuration).
    env: { QUICKPLAY_MIN_PLAYERS: "0" },
  },
});
