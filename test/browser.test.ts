// Cross-module browser test: two Chromium pages join one arena on the real game server; one player
// walks right and the other page's state and canvas both show it.

import { describe, it, expect, beforeAll, afterAll } from "vitest";
import type { Page } from "playwright-core";
import { ARENA } from "../shared/arena.js";
import { PLAYER_RADIUS } from "../shared/constants.js";
import { PLAYER_COLORS } from "../client/src/palette.js";
import { saveArtifact, skipBrowserSuite, startBrowserRig, waitForValue, type BrowserRig } from "./helpers/browser.js";
import { decodePng, type Image } from "./helpers/png.js";

/** The viewport matches the world size, so Scale.FIT draws the world 1:1. */
const VIEWPORT = { width: ARENA.width, height: ARENA.height };
/** How far A must walk, px (the spec asks for > 100; walking further leaves a clear margin). */
const WALK_PX = 200;

interface PlayerSnap { id: string; name: string; x: number; y: number; color: number; alive: boolean; shielded: boolean }
interface PageSnap { ready: boolean; error: string | null; sessionId: string | null; phase: string | null; players: PlayerSnap[] }

describe.skipIf(skipBrowserSuite("browser test"))("browser: two players in one arena", () => {
  let rig: BrowserRig;

  beforeAll(async () => {
    rig = await startBrowserRig();
  });

  afterAll(async () => {
    await rig?.close();
  });

  /** `?play=quick` skips the start screen: straight into quick play with that name. */
  function openPlayer(name: string): Promise<Page> {
    return rig.openPage(name, `/?name=${name}&play=quick`, VIEWPORT);
  }

  it("shows one player's movement on the other player's page", async () => {
    // A joins first so it spawns at the first spawn point (top left) with open floor to its right.
    const pageA = await openPlayer("Alpha");
    const a0 = await waitForValue("page A to join", () => snapshot(pageA), (s) => s.ready || s.error !== null, 30_000);
    expect(a0.error).toBeNull();
    const pageB = await openPlayer("Bravo");
    // Two players start a match: everyone respawns when it begins, so walk only once it has.
    const seeBoth = (s: PageSnap) => (s.ready && s.players.length === 2 && s.phase === "playing") || s.error !== null;
    const [a1, b1] = await Promise.all([
      waitForValue("page A to see 2 players", () => snapshot(pageA), seeBoth, 30_000),
      waitForValue("page B to see 2 players", () => snapshot(pageB), seeBoth, 30_000),
    ]);
    expect([a1.error, b1.error]).toEqual([null, null]);
    const idA = a1.sessionId ?? "";
    expect(idA).not.toBe("");
    expect(b1.sessionId).not.toBe(idA);

    // A standing still, opaque (spawn protection over) as page B draws it.
    const onB = (s: PageSnap) => s.players.find((p) => p.id === idA);
    const startOnB = await waitForRest("A to stand still, unshielded, on page B", pageB, idA, (p) => p.alive && !p.shielded);
    const startOnA = selfOf(await snapshot(pageA));
    const before = await canvasShot(pageB);

    await pageA.keyboard.down("d");
    const movedOnA = await waitForValue("A to walk right on page A", () => snapshot(pageA),
      (s) => selfOf(s).x > startOnA.x + WALK_PX, 20_000);
    await pageA.keyboard.up("d");
    const endOnB = await waitForRest("A to stop on page B", pageB, idA, (p) => p.x > startOnB.x + 100);
    const after = await canvasShot(pageB);
    saveArtifact("browser-two-players.png", after.png);

    expect(selfOf(movedOnA).x - startOnA.x, "A's own x on page A").toBeGreaterThan(100);
    expect(endOnB.x - startOnB.x, "A's x as page B sees it").toBeGreaterThan(100);
    expect(Math.abs(endOnB.y - startOnB.y), "A's y as page B sees it (walked straight right)").toBeLessThan(2);
    expect(onB(await snapshot(pageB))?.name).toBe("Alpha");

    // The canvas: A's colour left its old spot and arrived at the new one; a wall far away is unchanged.
    const color = PLAYER_COLORS[startOnB.color];
    const offBy = (image: Image, at: { x: number; y: number }) => colorDistance(meanColor(image, at), color);
    expect(offBy(before.image, startOnB), "B's canvas before: A's colour at A's start").toBeLessThan(24);
    expect(offBy(before.image, endOnB), "B's canvas before: A's colour at A's end").toBeGreaterThan(80);
    expect(offBy(after.image, startOnB), "B's canvas after: A's colour at A's start").toBeGreaterThan(80);
    expect(offBy(after.image, endOnB), "B's canvas after: A's colour at A's end").toBeLessThan(24);
    const wall = { x: 640, y: 400 };
    expect(colorDistance(meanColor(before.image, wall, 20), meanColor(after.image, wall, 20)), "B's canvas: centre wall")
      .toBeLessThan(2);

    expect(rig.pageErrors).toEqual([]);
    expect(rig.offsiteRequests).toEqual([]);
  }, 120_000);
});

async function snapshot(page: Page): Promise<PageSnap> {
  return page.evaluate(() => {
    const hook = window.skirmish;
    const session = hook?.session ?? null;
    return {
      ready: hook?.ready ?? false,
      error: hook?.error ?? null,
      sessionId: session?.sessionId ?? null,
      phase: session?.room.state.phase ?? null,
      players: (session?.players() ?? []).map(({ id, name, x, y, color, alive, shielded }) => ({ id, name, x, y, color, alive, shielded })),
    };
  });
}

function selfOf(s: PageSnap): PlayerSnap {
  const self = s.players.find((p) => p.id === s.sessionId);
  if (!self) throw new Error(`own player missing: ${JSON.stringify(s)}`);
  return self;
}

/** Wait until player `id` on `page` satisfies `ok` and has not moved between two polls. */
async function waitForRest(what: string, page: Page, id: string, ok: (p: PlayerSnap) => boolean): Promise<PlayerSnap> {
  let previous: PlayerSnap | undefined;
  const found = await waitForValue(what, async () => {
    const p = (await snapshot(page)).players.find((q) => q.id === id);
    const still = p !== undefined && previous !== undefined && Math.hypot(p.x - previous.x, p.y - previous.y) < 0.01;
    previous = p;
    return { p, still };
  }, ({ p, still }) => p !== undefined && still && ok(p), 20_000);
  if (!found.p) throw new Error(`${what}: player ${id} missing`);
  return found.p;
}

async function canvasShot(page: Page): Promise<{ png: Buffer; image: Image }> {
  const png = await page.locator("canvas").screenshot();
  const image = decodePng(png);
  expect(image.width).toBe(ARENA.width);
  return { png, image };
}

/** Mean RGB over a square of half-size `half` world px around `at` (the viewport is 1:1). */
function meanColor(image: Image, at: { x: number; y: number }, half = PLAYER_RADIUS / 3): number {
  const sum = [0, 0, 0];
  let n = 0;
  for (let y = Math.round(at.y - half); y <= Math.round(at.y + half); y++) {
    for (let x = Math.round(at.x - half); x <= Math.round(at.x + half); x++) {
      const i = (y * image.width + x) * 4;
      sum[0] += image.rgba[i]; sum[1] += image.rgba[i + 1]; sum[2] += image.rgba[i + 2];
      n++;
    }
  }
  return (Math.round(sum[0] / n) << 16) | (Math.round(sum[1] / n) << 8) | Math.round(sum[2] / n);
}

/** Largest per-channel difference of two 0xRRGGBB colours. */
function colorDistance(a: number, b: number): number {
  return Math.max(...[16, 8, 0].map((shift) => Math.abs(((a >> shift) & 0xff) - ((b >> shift) & 0xff))));
}
