// Cross-module browser test: the start screen flows in Chromium on the real server: a private room
// by code and share link, chat rendered as text, the live room list without private rooms, a
// wrong code, leaving, a match's results screen, the seat kept through a reload and a network
// drop, and a phone (touch sticks, both orientations).
// Screenshots go to test-artifacts/.

import { Client } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { GameSession } from "../client/net/GameSession.js";
import { saveArtifact, skipBrowserSuite, startBrowserRig, waitForValue, type BrowserRig } from "./helpers/browser.js";

/** A's name and chat line carry markup: both must arrive as plain text. */
const NAME_A = "<b>Ann</b>";
const LINE_A = "hi <img src=x onerror=window.__pwned=1> there";
const LINE_B = "hello from Bea";

interface ChatSnap { lines: string[]; names: string[]; markup: number; pwned: boolean }

describe.skipIf(skipBrowserSuite("browser lobby test"))("browser: start screen, private rooms, chat, seats", () => {
  let rig: BrowserRig;
  const bots: GameSession[] = [];

  beforeAll(async () => {
    rig = await startBrowserRig();
  });

  afterAll(async () => {
    await Promise.all(bots.map((bot) => bot.leave().catch(() => undefined)));
    await rig?.close();
  });

  it("creates a private room, joins it by link, chats as text, hides it from the list", async () => {
    const publicRoom = await GameSession.join(new Client(rig.base), { name: "Nova" });
    bots.push(publicRoom);

    // A: start screen → name → Create private room → the code, big, and its share link.
    const pageA = await rig.openPage("A", "/");
    await pageA.fill("[data-testid=name]", NAME_A);
    await pageA.click("[data-testid=create-private]");
    await inGame(pageA, "A");
    const code = (await pageA.textContent("[data-testid=room-code]"))?.trim() ?? "";
    expect(code).toMatch(/^[A-Z2-9]{5}$/);
    expect(await pageA.isVisible("[data-testid=share-panel]")).toBe(true);
    expect(await pageA.inputValue("[data-testid=share-link]")).toBe(`${rig.base}/?room=${code}`);
    saveArtifact("private-room.png", await pageA.screenshot());

    // B: the share link, typed in lower case → pick a name → the same room.
    const pageB = await rig.openPage("B", `/?room=${code.toLowerCase()}`);
    expect((await pageB.textContent("[data-testid=join-invite]"))?.trim()).toBe(`Join room ${code}`);
    await pageB.fill("[data-testid=name]", "Bea");
    await pageB.click("[data-testid=join-invite]");
    await inGame(pageB, "B");
    expect(await pageB.evaluate(() => window.skirmish?.session?.code)).toBe(code);

    // B is on A's scoreboard (Tab held).
    await pageA.keyboard.down("Tab");
    await waitForValue("B on A's scoreboard", () => pageA.textContent("[data-testid=scoreboard]"), (t) => t?.includes("Bea") ?? false, 10_000);
    expect(await pageA.isVisible("[data-testid=scoreboard]")).toBe(true);
    await pageA.keyboard.up("Tab");
    expect(await pageA.isVisible("[data-testid=scoreboard]")).toBe(false);

    // Chat with Enter, both ways; markup in names and lines stays text.
    await say(pageA, LINE_A);
    const onB = await waitForValue("A's line on B", () => chatOf(pageB), (c) => c.lines.some((l) => l.includes(LINE_A)), 10_000);
    expect(onB.names).toContain(NAME_A);
    expect(onB.markup, "elements created from chat text").toBe(0);
    expect(onB.pwned).toBe(false);
    await say(pageB, LINE_B);
    await waitForValue("B's line on A", () => chatOf(pageA), (c) => c.lines.some((l) => l.includes(LINE_B)), 10_000);

    // C: the public room is listed live, the private one is not.
    const pageC = await rig.openPage("C", "/");
    await waitForValue("the public room in C's list", () => pageC.locator(`[data-room="${publicRoom.code}"]`).count(), (n) => n === 1, 15_000);
    expect(await pageC.locator(`[data-room="${code}"]`).count()).toBe(0);
    expect(await pageC.textContent(`[data-room="${publicRoom.code}"]`)).toContain("1/8");

    // C: a wrong code and a malformed one get clear messages, not a hang.
    await pageC.fill("[data-testid=name]", "Cy");
    await pageC.fill("[data-testid=code]", "qqqqq");
    await pageC.click("[data-testid=join-code]");
    await waitForValue("the wrong-code message", () => pageC.textContent("[data-testid=start-message]"),
      (t) => t === "No room with code QQQQQ.", 10_000);
    await pageC.fill("[data-testid=code]", "zz");
    await pageC.click("[data-testid=join-code]");
    expect(await pageC.textContent("[data-testid=start-message]")).toMatch(/"zz" is not a room code/);
    saveArtifact("start-screen.png", await pageC.screenshot());

    // B leaves with Esc → confirm: back on the start screen, and A is told.
    await pageB.keyboard.press("Escape");
    await pageB.click("[data-testid=dialog] button:has-text(\"Leave\")");
    await waitForValue("B back on the start screen", () => pageB.evaluate(() => window.skirmish?.screen), (s) => s === "start", 10_000);
    expect(await pageB.isVisible("[data-testid=start-screen]")).toBe(true);
    await waitForValue("A told that B left", () => chatOf(pageA), (c) => c.lines.some((l) => l.includes("Bea left")), 10_000);

    expect(rig.pageErrors).toEqual([]);
    expect(rig.offsiteRequests).toEqual([]);
    await Promise.all([pageA, pageB, pageC].map((page) => rig.closePage(page)));
  }, 120_000);

  it("shows the results screen with the scoreboard and chat after a match", async () => {
    const host = await GameSession.join(new Client(rig.base), { name: "Rex", create: true, matchSeconds: 5 });
    bots.push(host);
    const page = await rig.openPage("D", "/");
    await page.fill("[data-testid=name]", "Dana");
    await page.fill("[data-testid=code]", host.code.toLowerCase());
    await page.click("[data-testid=join-code]");
    await inGame(page, "D");
    // Countdown 3 s + a 5 s match, then results.
    await waitForValue("the results screen", () => page.evaluate(() => document.querySelector("[data-testid=scoreboard]")?.className ?? ""),
      (c) => c.includes("results"), 20_000);
    host.say("gg, rematch?");
    await waitForValue("the chat line on the results screen", () => chatOf(page), (c) => c.lines.some((l) => l.includes("gg, rematch?")), 10_000);
    const board = (await page.textContent("[data-testid=scoreboard]")) ?? "";
    expect(board).toContain("Match 1 over");
    expect(board).toContain("Dana");
    expect(board).toContain("Rex");
    expect(board).toMatch(/Next match in \d+ s/);
    saveArtifact("results-screen.png", await page.screenshot());
    expect(rig.pageErrors).toEqual([]);
    await rig.closePage(page);
  }, 60_000);

  it("keeps the seat through a page reload and a network drop", async () => {
    const page = await rig.openPage("R", "/?name=Rita&play=quick");
    await inGame(page, "R");
    const seat = () => page.evaluate(() => ({
      id: window.skirmish?.session?.sessionId, connection: window.skirmish?.session?.connection, ready: window.skirmish?.ready,
      error: window.skirmish?.error,
    }));
    const before = await seat();
    await page.reload();
    await inGame(page, "R after reload");
    expect((await seat()).id, "session after reload").toBe(before.id);
    await waitForValue("the welcome back note", () => chatOf(page), (c) => c.lines.some((l) => l.includes("Welcome back")), 5_000);

    // The network goes away (the SDK drops its sockets on "offline") and comes back.
    await page.context().setOffline(true);
    await waitForValue("the drop", seat, (s) => s.connection === "reconnecting", 10_000);
    expect(await page.textContent("[data-testid=status-overlay]")).toContain("Reconnecting");
    await page.context().setOffline(false);
    const after = await waitForValue("the reconnection", seat, (s) => s.connection === "connected", 15_000);
    expect(after.id, "session after the drop").toBe(before.id);
    expect(await page.isVisible("[data-testid=status-overlay]")).toBe(false);
    expect(rig.pageErrors).toEqual([]);
    await rig.closePage(page);
  }, 60_000);

  it("plays on a phone: the move stick walks, the canvas fits portrait and landscape", async () => {
    const phone = { width: 390, height: 844 };
    const context = await rig.browser.newContext({ viewport: phone, isMobile: true, hasTouch: true });
    try {
      const page = await context.newPage();
      await page.goto(`${rig.base}/?name=Mo&play=quick`);
      await inGame(page, "phone");
      const fits = async (viewport: { width: number; height: number }) => {
        const box = await page.locator("canvas").boundingBox();
        expect(box, "canvas").not.toBeNull();
        const { x, y, width, height } = box!;
        expect(x).toBeGreaterThanOrEqual(-0.5);
        expect(y).toBeGreaterThanOrEqual(-0.5);
        expect(x + width).toBeLessThanOrEqual(viewport.width + 0.5);
        expect(y + height).toBeLessThanOrEqual(viewport.height + 0.5);
        // Scale.FIT fills one dimension.
        expect(Math.max(width / viewport.width, height / viewport.height)).toBeGreaterThan(0.99);
      };
      await fits(phone);
      expect(await page.isVisible(".stick-left")).toBe(true);

      // Drag the move stick right with a real touch; the own player walks right.
      const stick = (await page.locator(".stick-left").boundingBox())!;
      const cx = stick.x + stick.width / 2;
      const cy = stick.y + stick.height / 2;
      const startX = await page.evaluate(() => window.skirmish?.session?.predictedState()?.x ?? NaN);
      const cdp = await context.newCDPSession(page);
      await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x: cx, y: cy }] });
      for (let i = 1; i <= 4; i++) await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x: cx + i * 15, y: cy }] });
      await waitForValue("the player to walk right", () => page.evaluate(() => window.skirmish?.session?.predictedState()?.x ?? NaN),
        (x) => x > startX + 30 || x < startX - 30, 10_000).then((x) => expect(x).toBeGreaterThan(startX));
      await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
      saveArtifact("phone-portrait.png", await page.screenshot());

      const landscape = { width: phone.height, height: phone.width };
      await page.setViewportSize(landscape);
      await waitForValue("the canvas to refit", () => page.locator("canvas").boundingBox(), (b) => (b?.height ?? 0) > 380, 5_000);
      await fits(landscape);
      saveArtifact("phone-landscape.png", await page.screenshot());
      await page.evaluate(() => window.skirmish?.session?.leave());
    } finally {
      await context.close();
    }
    expect(rig.pageErrors).toEqual([]);
  }, 60_000);
});

async function inGame(page: Page, label: string): Promise<void> {
  const state = await waitForValue(`page ${label} in a game`, () => page.evaluate(() => ({
    screen: window.skirmish?.screen, ready: window.skirmish?.ready, error: window.skirmish?.error,
  })), (s) => (s.screen === "game" && s.ready === true) || Boolean(s.error), 20_000);
  expect(state.error ?? null).toBeNull();
}

/** Type a chat line the way a player does: Enter, the text, Enter. (The text goes in as one
 *  input event: key by key costs seconds while other pages render the game on two cores.) */
async function say(page: Page, text: string): Promise<void> {
  await page.keyboard.press("Enter");
  await page.waitForSelector("[data-testid=chat-input]", { state: "visible" });
  await page.keyboard.insertText(text);
  await page.keyboard.press("Enter");
}

async function chatOf(page: Page): Promise<ChatSnap> {
  return page.evaluate(() => {
    const log = document.querySelector("[data-testid=chat-log]");
    return {
      lines: [...(log?.querySelectorAll(".chat-line") ?? [])].map((l) => l.textContent ?? ""),
      names: [...(log?.querySelectorAll(".who") ?? [])].map((n) => n.textContent ?? ""),
      // Only spans and divs are ours; anything else was parsed from a name or a line.
      markup: log?.querySelectorAll(":not(div):not(span)").length ?? -1,
      pwned: (window as { __pwned?: unknown }).__pwned !== undefined,
    };
  });
}
