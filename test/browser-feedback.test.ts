// Cross-module browser test: game feel on real Chromium pages against the real game server: sound
// only after the first gesture (counted at the Web Audio API), the hit marker on the server's
// verdict, the victim's direction indicator, `M` muting across a reload, reduced motion, and a
// page without audio still playing.

import { describe, it, expect, beforeAll, afterAll } from "vitest";
import type { Page } from "playwright-core";
import { Client } from "@colyseus/sdk";
import { WebSocket as NodeWebSocket } from "ws";
import { makeBehavior } from "../bots/behaviors.js";
import { GameSession } from "../client/net/GameSession.js";
import { runHeadless, type HeadlessLoop } from "../client/net/headlessLoop.js";
import { ARENA } from "../shared/arena.js";
import { MAX_PLAYERS, PLAYER_RADIUS } from "../shared/constants.js";
import { clearLine } from "../bots/navigation.js";
import type { FeedbackStats } from "../client/src/feedback/feel.js";
import type { FeelSettings } from "../client/src/feedback/settings.js";
import type { SoundStats } from "../client/src/audio/SoundPlayer.js";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { decodePng, type Image } from "./helpers/png.js";
import { ROOT, saveArtifact, skipBrowserSuite, startBrowserRig, waitForValue, type BrowserRig } from "./helpers/browser.js";

/** The viewport matches the world size, so Scale.FIT draws the world 1:1 (mouse px = world px). */
const VIEWPORT = { width: ARENA.width, height: ARENA.height };
/** The shooter plays through a simulated 200 ms round trip: its own tracer (local) comes well
 *  before the server's verdict, so a marker drawn on the local trace would show early. */
const SHOOTER_NET = "200ms";
/** A long task, ms (the browser's own threshold for PerformanceLongTaskTiming). */
const LONG_TASK_MS = 50;

(globalThis as { WebSocket?: unknown }).WebSocket ??= NodeWebSocket;

/** Counts what the page asks of Web Audio, below the game's own code: contexts made and sources
 *  (oscillators, buffers) started. Installed before any page script runs. */
const COUNT_AUDIO = `
  window.__audio = { contexts: 0, starts: 0 };
  for (const Node of [window.AudioScheduledSourceNode, window.AudioBufferSourceNode]) {
    if (!Node || !Object.prototype.hasOwnProperty.call(Node.prototype, "start")) continue;
    const start = Node.prototype.start;
    Node.prototype.start = function (...args) { window.__audio.starts++; return start.apply(this, args); };
  }
  const Original = window.AudioContext;
  window.AudioContext = class extends Original {
    constructor(...args) { super(...args); window.__audio.contexts++; }
  };
`;
/** A browser whose audio is broken: making a context throws, as with no audio device. */
const NO_AUDIO = `
  window.AudioContext = function () { throw new DOMException("no audio output device", "NotSupportedError"); };
  delete window.webkitAudioContext;
`;

interface PlayerSnap { id: string; name: string; x: number; y: number; alive: boolean; shielded: boolean; health: number }
interface Snap {
  ready: boolean;
  error: string | null;
  sessionId: string | null;
  phase: string | null;
  players: PlayerSnap[];
  sound: SoundStats;
  cues: FeedbackStats;
  settings: FeelSettings;
  audio: { contexts: number; starts: number };
  button: string;
}

describe.skipIf(skipBrowserSuite("browser feedback test"))("browser: sound and hit feedback", () => {
  let rig: BrowserRig;

  beforeAll(async () => {
    rig = await startBrowserRig();
  });

  afterAll(async () => {
    await rig?.close();
  });

  /** `?play=quick` skips the start screen (no click: no user gesture). */
  function openPlayer(name: string, extra = "", script = COUNT_AUDIO): Promise<Page> {
    return rig.openPage(name, `/?name=${name}&play=quick${extra}`, VIEWPORT, script);
  }

  it("sounds after the first gesture, marks hits on the server's verdict, points at the shooter, mutes with M across a reload", async () => {
    try {
      await fightTwoPages();
    } finally {
      // Free both seats: the next test fills a room.
      for (const page of rig.pages()) await rig.closePage(page);
    }
  }, 180_000);

  async function fightTwoPages(): Promise<void> {
    const pageA = await openPlayer("Alpha", `&net=${SHOOTER_NET}`);
    await waitForValue("Alpha to join", () => snapshot(pageA), (s) => s.ready || s.error !== null, 30_000);
    const pageB = await openPlayer("Bravo");
    const inPlay = (s: Snap) => (s.ready && s.players.length === 2 && s.phase === "playing") || s.error !== null;
    const [a1, b1] = await Promise.all([
      waitForValue("Alpha in the match", () => snapshot(pageA), inPlay, 30_000),
      waitForValue("Bravo in the match", () => snapshot(pageB), inPlay, 30_000),
    ]);
    expect([a1.error, b1.error]).toEqual([null, null]);

    // No gesture yet on either page: the countdown and "go" were due, yet no audio was made.
    for (const s of [a1, b1]) {
      expect(s.sound.wanted.countdown + s.sound.wanted.matchStart, "sounds due before any gesture").toBeGreaterThan(0);
      expect(s.sound.state).toBe("locked");
      expect(s.audio).toEqual({ contexts: 0, starts: 0 });
      expect(s.sound.sourcesStarted).toBe(0);
    }

    await recordHits(pageA);
    const idA = a1.sessionId!;
    const idB = b1.sessionId!;
    // Alpha shoots Bravo until fragged. Bravo has had no gesture: it must stay silent throughout.
    await walkIntoSight(pageA, idA, idB);
    const shooterAt = selfOf(await snapshot(pageA));
    const victimAt = selfOf(await snapshot(pageB));
    // The indicator is an arc around Bravo on the side Alpha shoots from, sampled on both sides
    // of the tracers' line (only the arc can make those pixels red). One shot at a time: a
    // screenshot can take longer than the indicator shows, so up to 3 shots (Bravo survives 3).
    const arc = Math.atan2(shooterAt.y - victimAt.y, shooterAt.x - victimAt.x);
    const arcSides = [-0.3, 0.3].map((side) => ({ x: victimAt.x + Math.cos(arc + side) * 44, y: victimAt.y + Math.sin(arc + side) * 44 }));
    let reds: number[] = [];
    for (let shot = 1; shot <= 3; shot++) {
      await shootOnce(pageA, pageB, idB, (b) => b.cues.hurts >= shot);
      const png = await pageB.screenshot({ clip: { x: 0, y: 0, ...VIEWPORT } });
      saveArtifact("feedback-victim.png", png);
      reds = arcSides.map((at) => redness(decodePng(png), at));
      if (Math.min(...reds) > 60) break;
    }
    expect(Math.min(...reds), `redness of the indicator at ${JSON.stringify(arcSides)} on Bravo's canvas`).toBeGreaterThan(60);
    await holdFireAt(pageA, pageB, idB, (b) => b.cues.notices.length >= 1);
    const b2 = await snapshot(pageB);
    const towardShooter = Math.atan2(shooterAt.y - victimAt.y, shooterAt.x - victimAt.x);
    expect(angleBetween(b2.cues.lastHurtAngle ?? NaN, towardShooter), "direction indicator toward Alpha").toBeLessThan(0.25);
    expect(b2.cues.shakes, "screen shake with full motion").toBeGreaterThan(0);
    expect(b2.cues.notices).toContain("Alpha fragged you");
    expect(b2.sound.wanted.hurt).toBeGreaterThan(0);
    expect(b2.sound.wanted.death).toBe(1);
    expect(b2.audio, "Bravo made no sound before its first gesture").toEqual({ contexts: 0, starts: 0 });

    // Alpha's own link is slower: the frag reaches it after it reached Bravo.
    const a2 = await waitForValue("Alpha to hear of its frag", () => snapshot(pageA), (s) => s.cues.notices.length > 0, 10_000);
    expect(a2.cues.notices).toContain("You fragged Bravo");
    expect(a2.audio.contexts, "Alpha's first click made the audio context").toBe(1);
    expect(a2.sound.state).toBe("running");
    expect(a2.audio.starts).toBeGreaterThan(0);
    expect(a2.audio.starts).toBe(a2.sound.sourcesStarted);
    expect(a2.sound.played.ownShot).toBeGreaterThan(0);
    expect(a2.sound.played.hitDealt).toBeGreaterThan(0);
    expect(a2.sound.played.frag).toBe(1);
    // The hit marker follows the server's verdict, never the local tracer.
    const hits = await pageA.evaluate(() => window.__hits!);
    expect(hits.server.length, "hits the server confirmed").toBeGreaterThanOrEqual(4);
    expect(a2.cues.hitMarkers).toBe(hits.server.length);
    expect(hits.markersAfterServer).toEqual(hits.server.map((_, i) => i + 1));
    expect(hits.local.length, "hits the local tracer showed").toBeGreaterThan(0);
    expect(hits.markersAtFirstLocal, "markers when the local tracer first hit").toBe(0);
    expect(hits.server[0] - hits.local[0], "server verdict after the local hit, ms").toBeGreaterThan(60);

    // Bravo's first click: sound starts for what follows (its own shot, Alpha's shots).
    await waitForValue("Bravo to respawn", () => snapshot(pageB), (s) => selfOf(s).alive && s.sound.wanted.respawn === 1, 10_000);
    await pageB.mouse.click(ARENA.width / 2, 60);
    await fireFor(pageA, 700);
    const b3 = await waitForValue("Bravo to sound", () => snapshot(pageB), (s) => s.audio.starts > 0 && s.sound.played.otherShot > 0, 10_000);
    expect(b3.audio.contexts).toBe(1);
    expect(b3.sound.state).toBe("running");

    // M mutes: more shots and a chat line are due on Bravo, no source starts.
    await pageB.keyboard.press("m");
    const muted = await waitForValue("Bravo muted", () => snapshot(pageB), (s) => s.settings.muted, 5_000);
    expect(muted.button).toBe("Sound off");
    await fireFor(pageA, 700);
    await pageA.evaluate(() => window.skirmish!.session!.say("nice shot"));
    const b4 = await waitForValue("Bravo to get shots and chat", () => snapshot(pageB),
      (s) => s.sound.wanted.otherShot >= muted.sound.wanted.otherShot + 2 && s.sound.wanted.chat > muted.sound.wanted.chat, 10_000);
    expect(b4.audio.starts, "no source started while muted").toBe(muted.audio.starts);
    expect(b4.sound.skipped.muted).toBeGreaterThan(muted.sound.skipped.muted);

    // Still muted after a reload (the seat is taken back), even after a gesture on the new page.
    await pageB.reload();
    const reloaded = await waitForValue("Bravo back after the reload", () => snapshot(pageB),
      (s) => (s.ready && s.sessionId === idB) || s.error !== null, 30_000);
    expect(reloaded.error).toBeNull();
    expect(reloaded.settings.muted).toBe(true);
    expect(reloaded.button).toBe("Sound off");
    await pageB.mouse.click(ARENA.width / 2, 60);
    await fireFor(pageA, 700);
    const b5 = await waitForValue("Bravo to hear Alpha's shots (muted)", () => snapshot(pageB),
      (s) => s.audio.contexts === 1 && s.sound.wanted.otherShot >= 2, 10_000);
    expect(b5.audio.starts, "muted after the reload").toBe(0);
    // M again: sound is back.
    await pageB.keyboard.press("m");
    await fireFor(pageA, 700);
    const b6 = await waitForValue("Bravo to sound again", () => snapshot(pageB), (s) => s.audio.starts > 0, 10_000);
    expect(b6.settings.muted).toBe(false);

    // Reduced motion (the system preference): hits still show, the screen no longer shakes.
    await pageB.emulateMedia({ reducedMotion: "reduce" });
    await waitForValue("Bravo to reduce motion", () => snapshot(pageB), (s) => s.cues.reducedMotion, 5_000);
    const before = await snapshot(pageB);
    await walkIntoSight(pageA, idA, idB);
    await holdFireAt(pageA, pageB, idB, (b) => b.cues.hurts > before.cues.hurts);
    const b7 = await snapshot(pageB);
    expect(b7.cues.shakes, "no shake with reduced motion").toBe(before.cues.shakes);

    expect(rig.pageErrors).toEqual([]);
    expect(rig.offsiteRequests).toEqual([]);
  }

  it("plays on a page whose audio is unavailable", async () => {
    const page = await openPlayer("Charlie", "", NO_AUDIO);
    const joined = await waitForValue("Charlie to join", () => snapshot(page), (s) => s.ready || s.error !== null, 30_000);
    expect(joined.error).toBeNull();
    await page.mouse.click(ARENA.width / 2, ARENA.height / 2);
    await page.keyboard.press("m");
    await page.keyboard.press("m");
    const start = selfOf(await snapshot(page));
    await page.mouse.move(ARENA.width / 2, ARENA.height / 2);
    await page.mouse.down();
    await page.keyboard.down(start.y < ARENA.height / 2 ? "s" : "w");
    const moved = await waitForValue("Charlie to walk and fire", () => snapshot(page),
      (s) => Math.abs(selfOf(s).y - start.y) > 60 && s.sound.wanted.ownShot > 1, 15_000);
    await page.keyboard.up(start.y < ARENA.height / 2 ? "s" : "w");
    await page.mouse.up();
    expect(moved.sound.state).toBe("unavailable");
    expect(moved.sound.skipped.unavailable).toBeGreaterThan(0);
    expect(moved.settings.muted).toBe(false);

    // The settings panel: volume and motion, saved for the next visit.
    await page.getByTestId("settings-button").click();
    await page.getByTestId("volume").fill("35");
    await page.getByTestId("motion").selectOption("reduce");
    saveArtifact("feedback-settings.png", await page.screenshot());
    const set = await waitForValue("the settings to apply", () => snapshot(page), (s) => s.cues.reducedMotion, 5_000);
    expect(set.settings).toEqual({ volume: 0.35, muted: false, motion: "reduce" });
    expect(set.button).toBe("Sound 35%");
    expect(JSON.parse(await page.evaluate(() => localStorage.getItem("skirmish.settings") ?? "null")))
      .toEqual({ volume: 0.35, muted: false, motion: "reduce" });
    expect(rig.pageErrors).toEqual([]);
    await rig.closePage(page);
  }, 90_000);

  it("keeps audio and effects out of long tasks with 8 players firing", async () => {
    const pages = [await openPlayer("Delta")];
    const first = await waitForValue("Delta to join", () => snapshot(pages[0]), (s) => s.ready || s.error !== null, 30_000);
    expect(first.error).toBeNull();
    pages.push(await openPlayer("Echo"));
    const code = await pages[0].evaluate(() => window.skirmish!.session!.code);
    const client = new Client(rig.base);
    const bots: { session: GameSession; loop: HeadlessLoop }[] = [];
    try {
      for (let i = 0; i < MAX_PLAYERS - pages.length; i++) {
        const session = await GameSession.join(client, { name: `bot-${i + 1}`, roomId: code });
        bots.push({ session, loop: runHeadless(session, makeBehavior("fight", 100 + i)) });
      }
      for (const page of pages) {
        const s = await waitForValue("8 players in play", () => snapshot(page),
          (v) => (v.ready && v.players.length === MAX_PLAYERS && v.phase === "playing") || v.error !== null, 30_000);
        expect(s.error).toBeNull();
        await measureFeedbackCost(page);
      }
      // Both pages fire non-stop (their first gesture: sound starts), the bots fight.
      const before = await Promise.all(pages.map(snapshot));
      for (const page of pages) {
        await page.mouse.move(ARENA.width / 2, ARENA.height / 2);
        await page.mouse.down();
      }
      const heard = await Promise.all(pages.map((page, i) => waitForValue("a firefight to be heard", () => snapshot(page),
        (s) => s.sound.wanted.otherShot >= before[i].sound.wanted.otherShot + 80 && s.sound.wanted.ownShot >= 15, 40_000)));
      for (const page of pages) await page.mouse.up();

      const report = [];
      for (const [i, page] of pages.entries()) {
        const cost = await page.evaluate(() => window.__cost!);
        const spans = cost.spans;
        const durations = spans.map((span) => span[1]).sort((a, b) => a - b);
        const windowMs = spans.length > 1 ? spans[spans.length - 1][0] - spans[0][0] : 0;
        const total = durations.reduce((sum, d) => sum + d, 0);
        const inside = cost.longTasks.map(([start, duration]) => ({
          duration,
          // Long-task times are rounded to whole ms: a span starting inside the task belongs to it.
          feedback: spans.filter(([t]) => t >= start - 1 && t < start + duration).reduce((sum, [, d]) => sum + d, 0),
        }));
        const byMethod: Record<string, { calls: number; totalMs: number; maxMs: number }> = {};
        for (const [, d, name] of spans) {
          const m = byMethod[name] ??= { calls: 0, totalMs: 0, maxMs: 0 };
          m.calls++;
          m.totalMs = +(m.totalMs + d).toFixed(1);
          m.maxMs = Math.max(m.maxMs, d);
        }
        // Caused by the feedback: it did most of the task's work. (A task just over the threshold
        // with a fraction of a millisecond of feedback in it was long for other reasons.)
        const caused = inside.filter((task) => task.feedback > task.duration / 2);
        const s = heard[i];
        report.push({
          page: i === 0 ? "Delta" : "Echo",
          calls: spans.length,
          windowMs: Math.round(windowMs),
          feedbackMsPerSecond: +(total / (windowMs / 1000)).toFixed(3),
          callMsP50: durations[Math.floor(durations.length / 2)],
          callMsMax: durations[durations.length - 1],
          longTasks: inside.length,
          longestTaskMs: Math.max(0, ...inside.map((t) => t.duration)),
          feedbackMsInLongTasksMax: Math.max(0, ...inside.map((t) => t.feedback)),
          longTasksCausedByFeedback: caused.length,
          soundsPlayed: Object.values(s.sound.played).reduce((a, b) => a + b, 0),
          sourcesStarted: s.sound.sourcesStarted,
          skippedBusy: s.sound.skipped.busy,
          byMethod,
        });
        expect(s.sound.state).toBe("running");
        expect(s.sound.played.otherShot, "others' shots actually sounded").toBeGreaterThan(20);
        expect(spans.length, "feedback calls timed").toBeGreaterThan(100);
        expect(caused, "long tasks mostly spent in feedback").toEqual([]);
        expect(Math.max(0, ...inside.map((t) => t.feedback)), "feedback work inside one long task, ms").toBeLessThan(LONG_TASK_MS);
      }
      mkdirSync(join(ROOT, "test-artifacts"), { recursive: true });
      writeFileSync(join(ROOT, "test-artifacts", "feedback-cost.json"), JSON.stringify(report, null, 2));
      console.log(`feedback cost with ${MAX_PLAYERS} players firing: ${JSON.stringify(report)}`);
      expect(rig.pageErrors).toEqual([]);
    } finally {
      for (const bot of bots) {
        bot.loop.stop();
        await bot.session.leave().catch(() => undefined);
      }
      for (const page of pages) await rig.closePage(page);
    }
  }, 180_000);
});

/** Time every call into the page's feedback (sound included) and record the page's long tasks,
 *  both on the page's clock, into window.__cost. */
async function measureFeedbackCost(page: Page): Promise<void> {
  await page.evaluate(() => {
    const cost = { spans: [] as [number, number, string][], longTasks: [] as [number, number][] };
    window.__cost = cost;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) cost.longTasks.push([entry.startTime, entry.duration]);
    }).observe({ type: "longtask" });
    const game = window.skirmish!.feedback!.game() as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const name of ["update", "shot", "localShot", "frag", "chat"]) {
      const inner = game[name].bind(game);
      game[name] = (...args: unknown[]) => {
        const start = performance.now();
        try {
          return inner(...args);
        } finally {
          cost.spans.push([start, performance.now() - start, name]);
        }
      };
    }
  });
}

declare global {
  interface Window {
    __audio?: { contexts: number; starts: number };
    __cost?: { spans: [number, number, string][]; longTasks: [number, number][] };
    __hits?: { local: number[]; server: number[]; markersAtFirstLocal: number | null; markersAfterServer: number[] };
  }
}

async function snapshot(page: Page): Promise<Snap> {
  return page.evaluate(() => {
    const hook = window.skirmish;
    const session = hook?.session ?? null;
    const feedback = hook?.feedback;
    return {
      ready: hook?.ready ?? false,
      error: hook?.error ?? null,
      sessionId: session?.sessionId ?? null,
      phase: session?.room.state.phase ?? null,
      players: (session?.players() ?? []).map(({ id, name, x, y, alive, shielded, health }) => ({ id, name, x, y, alive, shielded, health })),
      sound: JSON.parse(JSON.stringify(feedback?.sound ?? null)),
      cues: JSON.parse(JSON.stringify(feedback?.cues ?? null)),
      settings: { ...feedback!.settings() },
      audio: { ...(window.__audio ?? { contexts: -1, starts: -1 }) },
      button: document.querySelector("[data-testid=settings-button]")?.firstChild?.textContent ?? "",
    };
  });
}

/** Log, on the shooter's page, when its shots hit: by the local trace, by the server's verdict,
 *  and how many hit markers showed at each point (the session's listeners may be wrapped). */
async function recordHits(page: Page): Promise<void> {
  await page.evaluate(() => {
    const hook = window.skirmish!;
    const session = hook.session!;
    const log = { local: [] as number[], server: [] as number[], markersAtFirstLocal: null as number | null, markersAfterServer: [] as number[] };
    window.__hits = log;
    const listeners = session.listeners;
    const localShot = listeners.localShot;
    listeners.localShot = (shot) => {
      if (shot.hitId !== null) {
        if (log.local.length === 0) log.markersAtFirstLocal = hook.feedback!.cues.hitMarkers;
        log.local.push(performance.now());
      }
      localShot?.(shot);
    };
    const shot = listeners.shot;
    listeners.shot = (event) => {
      const mine = event.by === session.sessionId && event.hit !== "";
      if (mine) log.server.push(performance.now());
      shot?.(event);
      if (mine) log.markersAfterServer.push(hook.feedback!.cues.hitMarkers);
    };
  });
}

function selfOf(s: Snap): PlayerSnap {
  const self = s.players.find((p) => p.id === s.sessionId);
  if (!self) throw new Error(`own player missing: ${JSON.stringify(s.players)}`);
  return self;
}

/** Walk the shooter (keys, axis by axis) to a point with a clear line of fire at the target. */
async function walkIntoSight(page: Page, selfId: string, targetId: string): Promise<void> {
  const s = await waitForValue("both alive", () => snapshot(page),
    (v) => v.players.length >= 2 && v.players.every((p) => p.alive), 15_000);
  const me = s.players.find((p) => p.id === selfId)!;
  const target = s.players.find((p) => p.id === targetId)!;
  // Half a body: the walker may already stand against a wall (inside a full-body margin).
  const body = PLAYER_RADIUS / 2;
  if (clearLine(ARENA, me, target, 3)) return;
  const stops = [{ x: me.x, y: target.y }, { x: target.x, y: me.y }];
  const stop = stops.find((p) => clearLine(ARENA, me, p, body) && clearLine(ARENA, p, target, 3));
  if (!stop) throw new Error(`no L-shaped walk from ${JSON.stringify(me)} into sight of ${JSON.stringify(target)}`);
  const key = stop.x !== me.x ? (stop.x > me.x ? "d" : "a") : (stop.y > me.y ? "s" : "w");
  const axis = stop.x !== me.x ? "x" : "y";
  await page.keyboard.down(key);
  try {
    await waitForValue(`the shooter to reach ${axis} ${stop[axis]}`, () => snapshot(page),
      (v) => Math.abs(selfOf(v)[axis] - stop[axis]) < 12 || Math.sign(stop[axis] - selfOf(v)[axis]) !== Math.sign(stop[axis] - me[axis]), 10_000);
  } finally {
    await page.keyboard.up(key);
  }
}

/** Aim at the target as the shooter's page draws it and hold fire until `done` holds on the
 *  target's page. */
async function holdFireAt(shooter: Page, victim: Page, targetId: string, done: (s: Snap) => boolean): Promise<void> {
  await waitForValue("the target to lose spawn protection", () => snapshot(shooter),
    (s) => s.players.some((p) => p.id === targetId && p.alive && !p.shielded), 10_000);
  const aimAt = async () => {
    const target = (await snapshot(shooter)).players.find((p) => p.id === targetId)!;
    await shooter.mouse.move(target.x, target.y);
  };
  await aimAt();
  await shooter.mouse.down();
  try {
    await waitForValue("the target to be hit", async () => {
      await aimAt();
      return snapshot(victim);
    }, done, 15_000);
  } finally {
    await shooter.mouse.up();
  }
}

/** Aim at the target as the shooter's page draws it, fire one shot, wait for `done` on the
 *  target's page. */
async function shootOnce(shooter: Page, victim: Page, targetId: string, done: (s: Snap) => boolean): Promise<void> {
  const target = await waitForValue("the target to be alive, without spawn protection", () => snapshot(shooter),
    (s) => s.players.some((p) => p.id === targetId && p.alive && !p.shielded), 10_000);
  const at = target.players.find((p) => p.id === targetId)!;
  await shooter.mouse.move(at.x, at.y);
  // Held past a frame or two (a click shorter than a frame fires nothing), not past the 200 ms cooldown.
  await shooter.mouse.click(at.x, at.y, { delay: 120 });
  await waitForValue("the shot to land", () => snapshot(victim), done, 10_000);
}

/** Hold fire for `ms` wherever the shooter aims (every shot is heard on the other pages). */
async function fireFor(page: Page, ms: number): Promise<void> {
  const before = (await snapshot(page)).sound.wanted.ownShot;
  await page.mouse.down();
  try {
    await waitForValue("shots to go out", () => snapshot(page), (s) => s.sound.wanted.ownShot >= before + Math.floor(ms / 250), ms * 10);
  } finally {
    await page.mouse.up();
  }
}

/** How much redder than green and blue the reddest pixel within 2 px of `at` is (0–255). */
function redness(image: Image, at: { x: number; y: number }): number {
  let best = -255;
  for (let y = Math.round(at.y) - 2; y <= Math.round(at.y) + 2; y++) {
    for (let x = Math.round(at.x) - 2; x <= Math.round(at.x) + 2; x++) {
      const i = (y * image.width + x) * 4;
      best = Math.max(best, image.rgba[i] - Math.max(image.rgba[i + 1], image.rgba[i + 2]));
    }
  }
  return best;
}

/** Smallest difference of two angles, radians. */
function angleBetween(a: number, b: number): number {
  const d = Math.abs(a - b) % (2 * Math.PI);
  return d > Math.PI ? 2 * Math.PI - d : d;
}
