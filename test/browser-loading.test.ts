// Browser: how fast the game loads on a phone-like link. Debian Chromium, throttled through CDP
// (Network.emulateNetworkConditions: 5 Mbit/s both ways, 40 ms latency), cold cache (a fresh
// browser context per run), the real server and the real build. Prints the figures the README
// shows and saves them to test-artifacts/loading.json.

import type { CDPSession, Page } from "playwright-core";
import { Client } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GameSession } from "../client/net/GameSession.js";
import { saveArtifact, skipBrowserSuite, startBrowserRig, type BrowserRig } from "./helpers/browser.js";

/** The link: 5 Mbit/s, 40 ms added to every request (CDP's units: bytes/s and ms). */
const LINK = { offline: false, latency: 40, downloadThroughput: 5_000_000 / 8, uploadThroughput: 5_000_000 / 8 };
/** What the issue asks for, ms and bytes. */
const START_INTERACTIVE_MS = 1500;
const SHARE_LINK_IN_ARENA_MS = 3000;
const START_SCREEN_BYTES = 120 * 1024;
/** Cold loads measured; the medians are asserted (the machine is shared and noisy). */
const RUNS = 3;
/** A phone held sideways. */
const PHONE = { width: 844, height: 390 };

interface Transfer {
  url: string;
  status: number;
  encoding: string;
  bytes: number;
  fromCache: boolean;
  /** The status the server sent (a revalidated page shows as 200 to the page, 304 on the wire). */
  wireStatus?: number;
}

interface LoadRun {
  /** Navigation start → name field focusable and Quick play clickable, ms. */
  interactiveMs: number;
  /** Click on Join → own player drawn in the arena, ms. */
  inArenaMs: number;
  /** JS and CSS received before the arena chunk: what the start screen needs, bytes on the wire. */
  startScreenBytes: number;
  /** Everything received until in the arena, bytes on the wire. */
  totalBytes: number;
  transfers: Transfer[];
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

describe.skipIf(skipBrowserSuite("browser loading test"))("browser: loading on a throttled link", () => {
  let rig: BrowserRig;
  let host: GameSession;

  beforeAll(async () => {
    rig = await startBrowserRig();
    // The friend who sent the share link, holding the private room open.
    host = await GameSession.join(new Client(rig.base), { name: "Host", create: true, private: true });
  });

  afterAll(async () => {
    await host?.leave().catch(() => undefined);
    await rig?.close();
  });

  /** A new page in `context`'s browser, throttled, recording every response's size and encoding. */
  async function throttledPage(page: Page): Promise<{ cdp: CDPSession; transfers: Map<string, Transfer> }> {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", LINK);
    const transfers = new Map<string, Transfer>();
    cdp.on("Network.responseReceived", (event) => {
      const headers = Object.fromEntries(Object.entries(event.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
      transfers.set(event.requestId, {
        ...transfers.get(event.requestId),
        url: event.response.url.replace(rig.base, ""),
        status: event.response.status,
        encoding: headers["content-encoding"] ?? "none",
        bytes: 0,
        fromCache: Boolean(event.response.fromDiskCache || event.response.fromPrefetchCache),
      });
    });
    cdp.on("Network.responseReceivedExtraInfo", (event) => {
      const transfer = transfers.get(event.requestId);
      if (transfer) transfer.wireStatus = event.statusCode;
      else transfers.set(event.requestId, { url: "", status: 0, encoding: "none", bytes: 0, fromCache: false, wireStatus: event.statusCode });
    });
    cdp.on("Network.requestServedFromCache", (event) => {
      const transfer = transfers.get(event.requestId);
      if (transfer) transfer.fromCache = true;
    });
    cdp.on("Network.loadingFinished", (event) => {
      const transfer = transfers.get(event.requestId);
      if (transfer) transfer.bytes = event.encodedDataLength;
    });
    return { cdp, transfers };
  }

  /** Navigation start → the name field takes focus and Quick play shows, ms (in-page clock); then
   *  checks that a typed name makes Quick play clickable (it waits for a valid name). */
  async function startScreenInteractive(page: Page): Promise<number> {
    const handle = await page.waitForFunction(() => {
      const name = document.querySelector<HTMLInputElement>("[data-testid=name]");
      const quick = document.querySelector<HTMLButtonElement>("[data-testid=quick-play]");
      if (window.skirmish?.screen !== "start" || !name || !quick) return false;
      if (quick.offsetParent === null || name.offsetParent === null) return false;
      name.focus();
      return document.activeElement === name ? performance.now() : false;
    }, undefined, { polling: "raf", timeout: 30_000 });
    const interactiveMs = (await handle.jsonValue()) as number;
    await page.fill("[data-testid=name]", "Friend");
    expect(await page.isEnabled("[data-testid=quick-play]")).toBe(true);
    return interactiveMs;
  }

  /** Click Join (the name is typed); ms from the click to the own player drawn in the arena. */
  async function joinFromShareLink(page: Page): Promise<number> {
    await page.evaluate(() => {
      document.addEventListener("click", () => {
        (window as { joinClickedAt?: number }).joinClickedAt ??= performance.now();
      }, { capture: true, once: true });
    });
    await page.click("[data-testid=join-invite]");
    const handle = await page.waitForFunction(() => {
      const clicked = (window as { joinClickedAt?: number }).joinClickedAt;
      return window.skirmish?.ready === true && clicked !== undefined ? performance.now() - clicked : false;
    }, undefined, { polling: "raf", timeout: 30_000 });
    return (await handle.jsonValue()) as number;
  }

  async function coldLoad(run: number): Promise<LoadRun> {
    const context = await rig.browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    try {
      const page = await context.newPage();
      page.on("pageerror", (error) => rig.pageErrors.push(`loading run ${run}: ${error.message}`));
      const { transfers } = await throttledPage(page);
      await page.goto(`${rig.base}/?room=${host.code}`, { waitUntil: "commit" });
      const interactiveMs = await startScreenInteractive(page);
      const inArenaMs = await joinFromShareLink(page);
      const list = [...transfers.values()].filter((t) => t.url.startsWith("/"));
      const startScreenBytes = list.filter((t) => /\.(js|css)$/.test(t.url) && !t.url.includes("/arena-")).reduce((sum, t) => sum + t.bytes, 0);
      const totalBytes = list.reduce((sum, t) => sum + t.bytes, 0);
      if (run === 0) saveArtifact("loading-share-link.png", await page.screenshot());
      await page.evaluate(() => window.skirmish?.session?.leave());
      return { interactiveMs, inArenaMs, startScreenBytes, totalBytes, transfers: list };
    } finally {
      await context.close();
    }
  }

  it("shows the start screen within 1.5 s and puts a share link's player in the arena within 3 s", async () => {
    const runs: LoadRun[] = [];
    for (let run = 0; run < RUNS; run++) runs.push(await coldLoad(run));

    // The game arrives compressed and split: the arena chunk was fetched, Phaser is not in the entry.
    const first = runs[0];
    const scripts = first.transfers.filter((t) => t.url.endsWith(".js"));
    expect(scripts.some((t) => t.url.includes("/arena-")), JSON.stringify(scripts)).toBe(true);
    for (const transfer of first.transfers.filter((t) => /\.(js|css|html)$|^\/(\?|$)/.test(t.url))) {
      expect(["gzip", "br"], `${transfer.url} arrived without compression`).toContain(transfer.encoding);
    }

    const interactive = median(runs.map((r) => r.interactiveMs));
    const inArena = median(runs.map((r) => r.inArenaMs));
    const startBytes = median(runs.map((r) => r.startScreenBytes));
    const lines = [
      `loading over ${LINK.downloadThroughput * 8 / 1e6} Mbit/s, ${LINK.latency} ms latency, cold cache, ${RUNS} runs (median):`,
      `  start screen interactive: ${Math.round(interactive)} ms (runs: ${runs.map((r) => Math.round(r.interactiveMs)).join(", ")}; limit ${START_INTERACTIVE_MS})`,
      `  share link → in the arena after clicking Join: ${Math.round(inArena)} ms (runs: ${runs.map((r) => Math.round(r.inArenaMs)).join(", ")}; limit ${SHARE_LINK_IN_ARENA_MS})`,
      `  start screen JS + CSS on the wire: ${kb(startBytes)}; everything until in the arena: ${kb(median(runs.map((r) => r.totalBytes)))}`,
      ...first.transfers.map((t) => `    ${t.status} ${t.encoding.padEnd(5)} ${kb(t.bytes).padStart(9)}  ${t.url}`),
    ];
    console.log(lines.join("\n"));
    saveArtifact("loading.json", Buffer.from(JSON.stringify({ link: LINK, runs }, null, 2)));

    expect(rig.pageErrors).toEqual([]);
    expect(startBytes).toBeLessThanOrEqual(START_SCREEN_BYTES);
    expect(interactive).toBeLessThanOrEqual(START_INTERACTIVE_MS);
    expect(inArena).toBeLessThanOrEqual(SHARE_LINK_IN_ARENA_MS);
  });

  it("starts at once when the arena loaded while the player was on the start screen, and revisits from cache", async () => {
    const context = await rig.browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    try {
      const page = await context.newPage();
      await throttledPage(page);
      await page.goto(`${rig.base}/?room=${host.code}`, { waitUntil: "commit" });
      await startScreenInteractive(page);
      // The player takes their time: Phaser and the arena finish loading behind the start screen.
      await page.waitForFunction(() => document.querySelector("#game canvas") !== null, undefined, { timeout: 30_000 });
      const inArenaMs = await joinFromShareLink(page);
      await page.evaluate(() => window.skirmish?.session?.leave());
      await page.close();

      // The same phone opens the link again: index.html is revalidated, the hashed files come from cache.
      const again = await context.newPage();
      const { transfers } = await throttledPage(again);
      await again.goto(`${rig.base}/?room=${host.code}`, { waitUntil: "commit" });
      const interactiveAgainMs = await startScreenInteractive(again);
      await again.waitForFunction(() => document.querySelector("#game canvas") !== null, undefined, { timeout: 30_000 });
      const list = [...transfers.values()].filter((t) => t.url.startsWith("/"));
      const assets = list.filter((t) => t.url.startsWith("/assets/"));
      const wireBytes = list.filter((t) => !t.fromCache).reduce((sum, t) => sum + t.bytes, 0);
      console.log([
        `  join with the arena already loaded: ${Math.round(inArenaMs)} ms`,
        `  repeat visit: start screen interactive in ${Math.round(interactiveAgainMs)} ms, ${kb(wireBytes)} on the wire`,
        ...list.map((t) => `    ${t.wireStatus ?? "-  "} ${t.fromCache ? "cache" : t.encoding.padEnd(5)} ${kb(t.bytes).padStart(9)}  ${t.url}`),
      ].join("\n"));
      expect(assets.length).toBeGreaterThanOrEqual(3);
      for (const asset of assets) expect(asset.fromCache, `${asset.url} was downloaded again`).toBe(true);
      expect(list.find((t) => t.url.startsWith("/?room="))?.wireStatus).toBe(304);
      // Only the join itself is left: matchmaking and the WebSocket over the 40 ms link.
      expect(inArenaMs).toBeLessThanOrEqual(SHARE_LINK_IN_ARENA_MS / 2);
    } finally {
      await context.close();
    }
  });
});
