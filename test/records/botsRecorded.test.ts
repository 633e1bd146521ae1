// Match records with server bots: a real server process plays a short match between one person
// and three server bots; the results mark the bots as bots, and `npm run replay -- verify`
// re-simulates the stored match (the bots' inputs are recorded like anyone's).

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { waitFor } from "../helpers/waitFor.js";
import { startBot, type Bot } from "../hosting/helpers/bots.js";
import { startServer, type ServerProcess } from "../hosting/helpers/processes.js";
import { getJson, newPlayerKey, runReplayCli, type MatchJson } from "./helpers.js";

const dataDir = mkdtempSync(join(tmpdir(), "skirmish-bot-records-"));
const env = { DATA_DIR: dataDir };
let server: ServerProcess | undefined;
let person: Bot | undefined;

afterAll(async () => {
  await person?.stop();
  server?.kill();
  rmSync(dataDir, { recursive: true, force: true });
});

it("records server bots as bots, and their match replays exactly", async () => {
  server = await startServer(env);
  person = await startBot(server.url, { name: "Person", create: true, matchSeconds: 5, bots: 3, botDifficulty: "hard", playerKey: newPlayerKey() });
  const match = await waitFor("the first match to be recorded", async () => {
    const { body } = await getJson<{ matches: MatchJson[] }>(`${server!.url}/api/matches`);
    return body.matches[0];
  }, { timeoutMs: 40_000, intervalMs: 250 });
  expect(match.players).toHaveLength(4);
  expect(match.players.filter((p) => p.bot).map((p) => p.name).sort()).toEqual(["Ada", "Bolt", "Cog"]);
  expect(match.players.find((p) => p.name === "Person")?.bot).toBe(false);
  expect(match.players.filter((p) => p.bot).reduce((n, p) => n + p.shots, 0)).toBeGreaterThan(0);

  const verified = await runReplayCli(["verify", String(match.id)], env);
  expect(verified.stderr).toBe("");
  expect(verified.stdout.toString()).toMatch(/OK, \d+ ticks re-simulated/);
  expect(verified.code).toBe(0);
}, 90_000);
