// Cross-module browser test: the room owner adds a bot from the room panel in Chromium on the real
// server, sees it tagged on the scoreboard, sets its difficulty and removes it; a guest gets no
// bot controls. Screenshots go to test-artifacts/.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { saveArtifact, skipBrowserSuite, startBrowserRig, waitForValue, type BrowserRig } from "./helpers/browser.js";

describe.skipIf(skipBrowserSuite("browser bots test"))("browser: bots from the room panel", () => {
  let rig: BrowserRig;

  beforeAll(async () => {
    rig = await startBrowserRig();
  });

  afterAll(async () => {
    await rig?.close();
  });

  it("the creator adds a bot, sets its difficulty and removes it; a guest has no controls", async () => {
    const page = await rig.openPage("owner", "/");
    await page.fill("[data-testid=name]", "Owner");
    await page.click("[data-testid=create-private]");
    await inGame(page, "owner");
    await waitForValue("the bot controls", () => page.isVisible("[data-testid=bot-controls]"), (v) => v, 10_000);
    expect(await page.textContent("[data-testid=bot-count]")).toBe("0");

    await page.click("[data-testid=add-bot]");
    await waitForValue("a bot in the room", () => page.evaluate(() => {
      const players = [...(window.skirmish?.session?.room.state.players.values() ?? [])];
      return players.filter((p) => p.bot).length;
    }), (n) => n === 1, 10_000);
    // A person and a bot: the match counts down; the scoreboard tags the bot.
    await page.keyboard.down("Tab");
    const board = await waitForValue("the bot on the scoreboard", () => page.textContent("[data-testid=scoreboard]"),
      (t) => /Ada\s*bot/i.test(t ?? ""), 10_000);
    expect(board).toContain("Owner");
    saveArtifact("bots-scoreboard.png", await page.screenshot());
    await page.keyboard.up("Tab");

    // The panel stepped aside when the match began counting down: the Room button brings it back.
    if (!(await page.isVisible("[data-testid=bot-controls]"))) await page.click("[data-testid=room-button]");
    await waitForValue("the bot count", () => page.textContent("[data-testid=bot-count]"), (t) => t === "1", 10_000);
    await page.selectOption("[data-testid=bot-difficulty]", "hard");
    await waitForValue("hard bots", () => page.evaluate(() => window.skirmish?.session?.botDifficulty), (d) => d === "hard", 10_000);
    saveArtifact("bots-room-panel.png", await page.screenshot());

    // A guest joins by code: no bot controls for them.
    const code = (await page.textContent("[data-testid=room-code]"))?.trim() ?? "";
    const guest = await rig.openPage("guest", `/?room=${code}`);
    await guest.fill("[data-testid=name]", "Guest");
    await guest.click("[data-testid=join-invite]");
    await inGame(guest, "guest");
    await guest.click("[data-testid=room-button]");
    await waitForValue("the guest's room panel", () => guest.isVisible("[data-testid=share-panel]"), (v) => v, 10_000);
    expect(await guest.isVisible("[data-testid=bot-controls]")).toBe(false);
    await rig.closePage(guest);

    await page.click("[data-testid=remove-bot]");
    await waitForValue("the bot gone", () => page.textContent("[data-testid=bot-count]"), (t) => t === "0", 10_000);
    expect(await page.evaluate(() => window.skirmish?.session?.room.state.players.size)).toBe(1);
    expect(rig.pageErrors).toEqual([]);
    expect(rig.offsiteRequests).toEqual([]);
  });
});

async function inGame(page: Page, label: string): Promise<void> {
  const state = await waitForValue(`page ${label} in a game`, () => page.evaluate(() => ({
    screen: window.skirmish?.screen, ready: window.skirmish?.ready, error: window.skirmish?.error,
  })), (s) => (s.screen === "game" && s.ready === true) || Boolean(s.error), 20_000);
  expect(state.error ?? null).toBeNull();
}
