// Bots: runs N headless players against a Skirmish server with the real client netcode, and
// measures what each of them feels.

import { Client } from "@colyseus/sdk";
import { GameSession } from "../client/net/GameSession.js";
import { runHeadless, type HeadlessLoop } from "../client/net/headlessLoop.js";
import type { LinkProfile } from "../client/net/linkSim.js";
import { NetProbe, emptySamples, type NetSamples } from "../client/net/NetProbe.js";
import { formatNetLine, mergePoints, type NetPoint } from "../client/net/netHistory.js";
import { makeBehavior, type BehaviorName } from "./behaviors.js";
import { summarize, type Summary } from "./stats.js";

export interface SwarmOptions {
  url: string;
  count: number;
  /** Join this room by id / code; quick play (join or create) when undefined. */
  roomId?: string;
  durationMs: number;
  behavior: BehaviorName;
  link?: LinkProfile;
  seed: number;
  /** Called about once a second while the bots play. */
  onProgress?: (progress: SwarmProgress) => void;
}

export interface SwarmProgress {
  elapsedMs: number;
  connected: number;
  count: number;
  failed: number;
  rooms: number;
  /** The net graph's figures over the last second, averaged over the connected bots (events
   *  such as stalls and corrections summed). Undefined before the first second. */
  net: NetPoint | undefined;
}

/** The progress figures as a line of text (the same figures as the browser's net graph). */
export function netLine(p: SwarmProgress): string {
  return p.net ? formatNetLine(p.net) : "measuring…";
}

export interface BotFailure {
  bot: string;
  error: string;
}

export interface NetcodeFigures {
  /** Own-player correction per reconcile, px. */
  correctionPx: Summary;
  /** Reconciles that moved the own player at all. */
  correctionsNonZero: number;
  /** Share of frames with a moving remote player drawn past the newest update (extrapolated). */
  underrunShare: number;
  /** Share of frames with a moving remote player drawn frozen or jumping. */
  frozenShare: number;
  /** Share of those frames where a remote player's own motion jumped on the server (its link
   *  sent inputs unevenly: jitter or a stall, and the server applied two or more in one tick),
   *  drawn as the server had it. */
  serverJumpShare: number;
  remoteFrames: number;
  /** Where remote players are drawn versus where the server had them at that instant, px. */
  drawErrorPx: Summary;
  /** Interpolation delay in use, per frame, ms. */
  delayMs: Summary;
  /** Loss stalls seen per bot-minute. */
  stallsPerMinute: number;
  ackLatencyMs: Summary;
  rttMs: Summary;
  jitterMs: Summary;
  /** Per bot-second. */
  downBytesPerSec: number;
  upBytesPerSec: number;
  patchesPerSec: number;
}

export interface SwarmResult {
  bots: number;
  joined: number;
  rooms: string[];
  failures: BotFailure[];
  /** Bots that lost their connection during the run (close code → count). */
  disconnects: Record<string, number>;
  durationMs: number;
  figures: NetcodeFigures;
}

interface Bot {
  name: string;
  session: GameSession;
  probe: NetProbe;
  loop: HeadlessLoop;
  joinedAt: number;
  open: boolean;
}

/** Bots that join at once; more would mostly measure the matchmaker. */
const JOIN_CONCURRENCY = 4;
const PROGRESS_MS = 1000;

export async function runSwarm(options: SwarmOptions): Promise<SwarmResult> {
  const started = performance.now();
  const bots: Bot[] = [];
  const failures: BotFailure[] = [];
  const disconnects: Record<string, number> = {};
  const client = new Client(options.url);

  let next = 0;
  const joinOne = async (): Promise<void> => {
    while (next < options.count) {
      const index = next++;
      const name = `bot-${index + 1}`;
      try {
        const session = await GameSession.join(client, {
          name,
          roomId: options.roomId,
          bot: true,
          link: options.link,
          linkSeed: options.seed * 1000 + index,
        });
        const probe = new NetProbe(session);
        const bot: Bot = {
          name, session, probe, joinedAt: performance.now(), open: true,
          loop: runHeadless(session, makeBehavior(options.behavior, options.seed * 1000 + index), {
            afterFrame: (now) => probe.frame(now),
          }),
        };
        const previous = session.listeners.left;
        session.listeners.left = (code, reason) => {
          if (bot.open) {
            bot.open = false;
            bot.loop.stop();
            const key = reason ? `${code} ${reason}` : String(code);
            disconnects[key] = (disconnects[key] ?? 0) + 1;
          }
          previous?.(code, reason);
        };
        bots.push(bot);
      } catch (error) {
        failures.push({ bot: name, error: describeJoinError(error, options.url) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(JOIN_CONCURRENCY, options.count) }, joinOne));

  // Play, reporting progress once a second.
  const playStarted = performance.now();
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const now = performance.now();
      const connected = bots.filter((b) => b.open).length;
      const seconds = bots.flatMap((b) => (b.open ? [b.probe.history.lastSecond()] : [])).filter((p) => p !== undefined);
      const net = seconds.length > 0 ? mergePoints(seconds) : undefined;
      if (net) {
        // Events summed over bots; rates shown per bot, like one player's net graph.
        net.patchesPerSec = seconds.reduce((sum, p) => sum + p.patchesPerSec, 0) / seconds.length;
      }
      options.onProgress?.({
        elapsedMs: now - started,
        connected,
        count: options.count,
        failed: failures.length,
        rooms: new Set(bots.map((b) => b.session.room.roomId)).size,
        net,
      });
      if (now - playStarted >= options.durationMs || (bots.length > 0 && connected === 0)) {
        clearInterval(timer);
        resolve();
      }
      if (bots.length === 0) {
        clearInterval(timer);
        resolve();
      }
    }, PROGRESS_MS);
  });

  const ended = performance.now();
  for (const bot of bots) {
    bot.loop.stop();
    bot.open = false; // our own leave below is not a disconnect
  }
  const all = totals(bots);
  const botSeconds = bots.reduce((sum, b) => sum + (ended - b.joinedAt) / 1000, 0) || 1;
  const result: SwarmResult = {
    bots: options.count,
    joined: bots.length,
    rooms: [...new Set(bots.map((b) => b.session.room.roomId))],
    failures,
    disconnects,
    durationMs: ended - playStarted,
    figures: figuresOf(all, botSeconds),
  };
  await Promise.all(bots.map((b) => b.session.leave().catch(() => undefined)));
  return result;
}

/** Sums every bot's samples (arrays concatenated, counters added). */
function totals(bots: readonly Bot[]): NetSamples {
  const sum = emptySamples();
  for (const { probe } of bots) {
    const s = probe.samples;
    sum.corrections.push(...s.corrections);
    sum.correctionsNonZero += s.correctionsNonZero;
    sum.correctionsCount += s.correctionsCount;
    sum.delays.push(...s.delays);
    sum.drawErrors.push(...s.drawErrors);
    sum.frozenOrJumpingFrames += s.frozenOrJumpingFrames;
    sum.serverJumpFrames += s.serverJumpFrames;
    sum.stalls += s.stalls;
    sum.ackLatencies.push(...s.ackLatencies);
    sum.rtt.push(...s.rtt);
    sum.jitter.push(...s.jitter);
    sum.remoteFrames += s.remoteFrames;
    sum.underrunFrames += s.underrunFrames;
    sum.bytesIn += s.bytesIn;
    sum.bytesOut += s.bytesOut;
    sum.framesIn += s.framesIn;
    sum.framesOut += s.framesOut;
    sum.patches += s.patches;
  }
  return sum;
}

export function figuresOf(s: NetSamples, botSeconds: number): NetcodeFigures {
  return {
    correctionPx: summarize(s.corrections),
    correctionsNonZero: s.correctionsNonZero,
    underrunShare: s.remoteFrames > 0 ? s.underrunFrames / s.remoteFrames : 0,
    frozenShare: s.remoteFrames > 0 ? s.frozenOrJumpingFrames / s.remoteFrames : 0,
    serverJumpShare: s.remoteFrames > 0 ? s.serverJumpFrames / s.remoteFrames : 0,
    remoteFrames: s.remoteFrames,
    drawErrorPx: summarize(s.drawErrors),
    delayMs: summarize(s.delays),
    stallsPerMinute: (s.stalls / botSeconds) * 60,
    ackLatencyMs: summarize(s.ackLatencies),
    rttMs: summarize(s.rtt),
    jitterMs: summarize(s.jitter),
    downBytesPerSec: s.bytesIn / botSeconds,
    upBytesPerSec: s.bytesOut / botSeconds,
    patchesPerSec: s.patches / botSeconds,
  };
}

/** A join failure in words a user can act on (fetch errors hide the reason in `cause`). */
function describeJoinError(error: unknown, url: string): string {
  const e = error as Error & { cause?: { code?: string; message?: string } };
  const message = e?.message || String(error);
  if (message === "fetch failed") {
    const code = (e as { code?: unknown }).code;
    const reason = e.cause?.code ?? (typeof code === "string" && code !== "" ? code : undefined) ?? e.cause?.message ?? "unreachable";
    return `cannot reach ${url} (${reason}): is a Skirmish server running there?`;
  }
  return message;
}
