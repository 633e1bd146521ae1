// Browser test: F3 opens the net graph over a game played through the link simulator, and its
// figures are live (they change from one reading to the next and match the simulated link).

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { skipBrowserSuite, startBrowserRig, waitForValue, type BrowserRig } from "./helpers/browser.js";

interface GraphSnap {
  visible: boolean;
  figures: string;
  link: string;
  /** Non-transparent pixels drawn on the graph's canvas. */
  inked: number;
}

describe.skipIf(skipBrowserSuite("net graph browser test"))("browser: the net graph", () => {
  let rig: BrowserRig;

  beforeAll(async () => {
    rig = await startBrowserRig();
  });

  afterAll(async () => {
    await rig?.close();
  });

  it("F3 opens it with figures that move, F3 closes it", async () => {
    // 60 ms of round trip through the simulator: the ping must show it, apart from the input delay.
    const page = await rig.openPage("Net", "/?name=Net&play=quick&net=60ms,0ms", { width: 1280, height: 800 });
    await waitForValue("the page to join", () => page.evaluate(() => window.skirmish?.ready ?? false), (ready) => ready, 30_000);
    expect((await graph(page)).visible).toBe(false);

    await page.keyboard.press("F3");
    const rttOf = (g: GraphSnap) => Number(/rtt (\d+) ms/.exec(g.figures)?.[1] ?? NaN);
    const first = await waitForValue("the net graph to show a round trip and an input delay", () => graph(page),
      (g) => g.visible && rttOf(g) > 0 && /input [1-9]\d* ms/.test(g.figures) && g.inked > 200, 20_000);
    expect(first.link).toContain("60ms RTT");
    // The ping crosses the simulated link: never less than its round trip. (Its accuracy is
    // checked without a renderer in test/conformance.test.ts: a page rendering on a busy 2-core
    // machine answers late.)
    expect(rttOf(first), first.figures).toBeGreaterThanOrEqual(59);
    expect(first.figures).toMatch(/delay \d+ ms/);
    expect(first.figures).toMatch(/[1-9][\d.]* patches\/s/);

    // Live: the figures (patches/s, KB/s, delay…) change as the game goes on.
    const later = await waitForValue("the figures to change", () => graph(page), (g) => g.figures !== first.figures, 10_000);
    expect(later.visible).toBe(true);

    await page.keyboard.press("F3");
    expect((await graph(page)).visible).toBe(false);
    expect(rig.pageErrors).toEqual([]);
    expect(rig.offsiteRequests).toEqual([]);
    await rig.closePage(page);
  });
});

function graph(page: Page): Promise<GraphSnap> {
  return page.evaluate(() => {
    const root = document.querySelector<HTMLElement>("[data-testid=net-graph]");
    const canvas = root?.querySelector("canvas");
    let inked = 0;
    const data = canvas?.getContext("2d")?.getImageData(0, 0, canvas.width, canvas.height).data;
    if (data) for (let i = 3; i < data.length; i += 4) if (data[i] > 0) inked++;
    return {
      visible: root !== null && !root.hidden,
      figures: root?.querySelector("[data-testid=net-figures]")?.textContent ?? "",
      link: root?.querySelector(".net-link")?.textContent ?? "",
      inked,
    };
  });
}
