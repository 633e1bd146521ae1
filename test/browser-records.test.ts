// Cross-module browser test: match records in Chromium on the real server: bots play a short
// match; the start screen lists it under Recent matches and its players on the Leaderboard; its
// page (?match=ID) shows the scoreboard, and *Watch replay* re-simulates it in the arena view,
// checked against the server's digests, with speed, pause, scrubbing and follow-a-player.
// Screenshots go to test-artifacts/.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveArtifact, skipBrowserSuite, startBrowserRig, waitForValue, type BrowserRig } from "./helpers/browser.js";
import type { Bot } from "./hosting/helpers/bots.js";
import { waitFor } from "./helpers/waitFor.js";
import { botsInRoom, getJson, type MatchJson } from "./records/helpers.js";

describe.skipIf(skipBrowserSuite("browser records test"))("browser: match history, leaderboard, match page and replay", () => {
  let rig: BrowserRig;
  let bots: Bot[] = [];

  beforeAll(async () => {
    rig = await startBrowserRig();
  });

  afterAll(async () => {
    await Promise.all(bots.map((b) => b.stop()));
    await rig?.close();
  });

  it("lists a played match, opens its page and plays its replay", async () => {
    bots = await botsInRoom(rig.base, 2);
    const match = await waitFor("a recorded match", async () => {
      const { body } = await getJson<{ matches: MatchJson[] }>(`${rig.base}/api/matches`);
      return body.matches[0];
    }, { timeoutMs: 40_000, intervalMs: 250 });
    await Promise.all(bots.map((b) => b.stop()));
    bots = [];

    const page = await rig.openPage("records", "/");
    await waitForValue("the match under Recent matches", () => page.textContent("[data-testid=recent-matches]"), (t) => t?.includes(match.winner ?? "—") ?? false, 10_000);
    await waitForValue("the players on the leaderboard", () => page.textContent("[data-testid=leaderboard]"), (t) => (t?.includes("Bot-1") && t.includes("Bot-2")) ?? false, 10_000);
    saveArtifact("records-start-screen.png", await page.screenshot());

    await page.click(`[data-testid=match-link-${match.id}]`);
    await page.waitForURL(`**/?match=${match.id}`);
    const board = await waitForValue("the match scoreboard", () => page.textContent("[data-testid=match-scoreboard]").catch(() => null), (t) => t?.includes("Bot-2") ?? false, 10_000);
    expect(board).toContain("Bot-1");
    saveArtifact("records-match-page.png", await page.screenshot());

    await page.click("[data-testid=watch-replay]");
    const replay = () => page.evaluate(() => window.skirmish?.replay ?? null);
    const started = await waitForValue("the replay to play", replay, (r) => (r?.tick ?? 0) > 5, 15_000);
    expect(started!.total).toBeGreaterThan(100);

    // Pause holds the position.
    await page.click("[data-testid=replay-play]");
    const paused = await waitForValue("paused", replay, (r) => r?.playing === false, 5_000);
    expect((await replay())!.tick).toBe(paused!.tick);

    // Scrub back to tick 30, follow a player, play at 4× to the end: the re-simulation matches the server.
    await page.$eval("[data-testid=replay-timeline]", (el) => {
      const input = el as HTMLInputElement;
      input.value = "30";
      input.dispatchEvent(new Event("input"));
    });
    await waitForValue("scrubbed to tick 30", replay, (r) => r?.tick === 30, 5_000);
    await page.selectOption("[data-testid=replay-follow]", { index: 1 });
    await page.click("[data-testid=replay-speed-4]");
    await page.click("[data-testid=replay-play]");
    await waitForValue("4× speed", replay, (r) => r?.speed === 4 && r.playing, 5_000);
    saveArtifact("records-replay.png", await page.screenshot());
    const ended = await waitForValue("the replay to reach its end", replay, (r) => r !== null && r.tick === r.total, 60_000);
    expect(ended!.desyncTick).toBeNull();
    expect(await page.textContent("[data-testid=replay-status]")).toContain("matches the server");

    expect(rig.pageErrors).toEqual([]);
    expect(rig.offsiteRequests).toEqual([]);
  }, 150_000);

  it("plays a replay file from the start screen (what `npm run replay -- export` writes)", async () => {
    const { body } = await getJson<{ matches: MatchJson[] }>(`${rig.base}/api/matches`);
    const file = join(mkdtempSync(join(tmpdir(), "skirmish-replay-")), `match-${body.matches[0].id}.skrp`);
    writeFileSync(file, new Uint8Array(await (await fetch(`${rig.base}/api/matches/${body.matches[0].id}/replay`)).arrayBuffer()));
    const page = await rig.openPage("file", "/");
    await page.setInputFiles("[data-testid=replay-file]", file);
    await waitForValue("the file's replay to play", () => page.evaluate(() => window.skirmish?.replay ?? null), (r) => (r?.tick ?? 0) > 5, 15_000);
    expect(await page.isVisible("[data-testid=start-screen]")).toBe(false);
    rmSync(file, { force: true });
  });

  it("says so when the match does not exist", async () => {
    const page = await rig.openPage("missing", "/?match=987654");
    await waitForValue("the not-found page", () => page.textContent("[data-testid=match-page]"), (t) => t?.includes("no match 987654") ?? false, 10_000);
  });
});
