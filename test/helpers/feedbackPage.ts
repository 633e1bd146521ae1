// Tests: drive and read a game page for the sound and feedback browser test: Web Audio counted
// under the game's own code, the page's state and feedback counters, walking, aiming and firing,
// the feedback's cost against the page's long tasks.

import type { Page } from "playwright-core";
import { clearLine } from "../../shared/bots/navigation.js";
import type { SoundStats } from "../../client/src/audio/SoundPlayer.js";
import type { FeedbackStats } from "../../client/src/feedback/feel.js";
import type { FeelSettings } from "../../client/src/feedback/settings.js";
import { ARENA } from "../../shared/arena.js";
import { PLAYER_RADIUS } from "../../shared/constants.js";
import type {} from "../../client/src/testHook.js"; // types window.skirmish
import { waitForValue } from "./browser.js";
import type { Image } from "./png.js";

/** Counts what the page asks of Web Audio, below the game's own code: contexts made and sources
 *  (oscillators, buffers) started. Installed before any page script runs. */
export const COUNT_AUDIO = `
  window.__audio = { contexts: 0, starts: 0 };
  for (const Node of [window.AudioScheduledSourceNode, window.AudioBufferSourceNode]) {
    if (!Node || !Object.prototype.hasOwnProperty.call(Node.prototype, "start")) continue;
    const start = Node.prototype.start;
    // Sources rendered offline (into buffers) are never heard: only the page's live context counts.
    Node.prototype.start = function (...args) {
      if (!(this.context instanceof OfflineAudioContext)) window.__audio.starts++;
      return start.apply(this, args);
    };
  }
  const Original = window.AudioContext;
  window.AudioContext = class extends Original {
    constructor(...args) { super(...args); window.__audio.contexts++; }
  };
`;
/** A browser whose audio is broken: making a context throws, as with no audio device. */
export const NO_AUDIO = `
  window.AudioContext = function () { throw new DOMException("no audio output device", "NotSupportedError"); };
  delete window.webkitAudioContext;
`;

export interface PlayerSnap { id: string; name: string; x: number; y: number; alive: boolean; shielded: boolean; health: number }
export interface Snap {
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

/** Time every call into the page's feedback (sound included) and record the page's long tasks,
 *  both on the page's clock, into window.__cost. */
export async function measureFeedbackCost(page: Page): Promise<void> {
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

export async function snapshot(page: Page): Promise<Snap> {
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
      settings: (feedback ? { ...feedback.settings() } : null) as FeelSettings,
      audio: { ...(window.__audio ?? { contexts: -1, starts: -1 }) },
      button: document.querySelector("[data-testid=settings-button]")?.firstChild?.textContent ?? "",
    };
  });
}

/** Log, on the shooter's page, when its shots hit: by the local trace, by the server's verdict,
 *  and how many hit markers showed at each point (the session's listeners may be wrapped). */
export async function recordHits(page: Page): Promise<void> {
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

export function selfOf(s: Snap): PlayerSnap {
  const self = s.players.find((p) => p.id === s.sessionId);
  if (!self) throw new Error(`own player missing: ${JSON.stringify(s.players)}`);
  return self;
}

/** Walk the shooter (keys, axis by axis) to a point with a clear line of fire at the target. */
export async function walkIntoSight(page: Page, selfId: string, targetId: string): Promise<void> {
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
export async function holdFireAt(shooter: Page, victim: Page, targetId: string, done: (s: Snap) => boolean): Promise<void> {
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
export async function shootOnce(shooter: Page, victim: Page, targetId: string, done: (s: Snap) => boolean): Promise<void> {
  const target = await waitForValue("the target to be alive, without spawn protection", () => snapshot(shooter),
    (s) => s.players.some((p) => p.id === targetId && p.alive && !p.shielded), 10_000);
  const at = target.players.find((p) => p.id === targetId)!;
  await shooter.mouse.move(at.x, at.y);
  // Held past a frame or two (a click shorter than a frame fires nothing), not past the 200 ms cooldown.
  await shooter.mouse.click(at.x, at.y, { delay: 120 });
  await waitForValue("the shot to land", () => snapshot(victim), done, 10_000);
}

/** Hold fire for `ms` wherever the shooter aims (every shot is heard on the other pages). */
export async function fireFor(page: Page, ms: number): Promise<void> {
  const before = (await snapshot(page)).sound.wanted.ownShot;
  await page.mouse.down();
  try {
    await waitForValue("shots to go out", () => snapshot(page), (s) => s.sound.wanted.ownShot >= before + Math.floor(ms / 250), ms * 10);
  } finally {
    await page.mouse.up();
  }
}

/** How much redder than green and blue the reddest pixel within 2 px of `at` is (0–255). */
export function redness(image: Image, at: { x: number; y: number }): number {
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
export function angleBetween(a: number, b: number): number {
  const d = Math.abs(a - b) % (2 * Math.PI);
  return d > Math.PI ? 2 * Math.PI - d : d;
}

export interface CostReport {
  calls: number;
  windowMs: number;
  feedbackMsPerSecond: number;
  callMsP50: number;
  callMsMax: number;
  longTasks: number;
  longestTaskMs: number;
  /** The most feedback work found inside one long task, ms. */
  feedbackMsInLongTasksMax: number;
  /** Long tasks that spent most of their time in feedback. */
  longTasksCausedByFeedback: number;
  byMethod: Record<string, { calls: number; totalMs: number; maxMs: number }>;
}

/** What the feedback cost on one page, from window.__cost (see measureFeedbackCost). */
export function summarizeCost(cost: NonNullable<Window["__cost"]>): CostReport {
  const spans = cost.spans;
  const durations = spans.map((span) => span[1]).sort((a, b) => a - b);
  const windowMs = spans.length > 1 ? spans[spans.length - 1][0] - spans[0][0] : 0;
  const total = durations.reduce((sum, d) => sum + d, 0);
  const inside = cost.longTasks.map(([start, duration]) => ({
    duration,
    // Long-task times are rounded to whole ms: a span starting inside the task belongs to it.
    feedback: spans.filter(([t]) => t >= start - 1 && t < start + duration).reduce((sum, [, d]) => sum + d, 0),
  }));
  const byMethod: CostReport["byMethod"] = {};
  for (const [, d, name] of spans) {
    const m = byMethod[name] ??= { calls: 0, totalMs: 0, maxMs: 0 };
    m.calls++;
    m.totalMs = +(m.totalMs + d).toFixed(1);
    m.maxMs = Math.max(m.maxMs, d);
  }
  return {
    calls: spans.length,
    windowMs: Math.round(windowMs),
    feedbackMsPerSecond: +(total / (windowMs / 1000)).toFixed(3),
    callMsP50: durations[Math.floor(durations.length / 2)],
    callMsMax: durations[durations.length - 1],
    longTasks: inside.length,
    longestTaskMs: Math.max(0, ...inside.map((t) => t.duration)),
    feedbackMsInLongTasksMax: Math.max(0, ...inside.map((t) => t.feedback)),
    // Caused by the feedback: it did most of the task's work. (A task just over the threshold
    // with a fraction of a millisecond of feedback in it was long for other reasons.)
    longTasksCausedByFeedback: inside.filter((task) => task.feedback > task.duration / 2).length,
    byMethod,
  };
}
