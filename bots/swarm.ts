// Bots: runs N headless players against a Skirmish server with the real client netcode, and
// measures what each of them feels.

import { Client } from "@colyseus/sdk";
import { GameSession } from "../client/net/GameSession.js";
import { explainJoinError } from "../client/net/join.js";
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
  /** Aborted: stop joining and end the play at the next progress tick (the report still comes). */
  signal?: AbortSignal;
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
  const crew = await joinBots(options);
  const playStarted = performance.now();
  await play(crew, options, started);
  const ended = performance.now();
  const result = summarise(crew, options, ended - playStarted, ended);
  await Promise.all(crew.bots.map((b) => b.session.leave().catch(() => undefined)));
  return result;
}

/** The bots that joined, those that could not, and the disconnects seen since. */
interface Crew {
  bots: Bot[];
  failures: BotFailure[];
  disconnects: Record<string, number>;
}

/** Join `options.count` bots, JOIN_CONCURRENCY at a time, each playing as soon as it is in. */
async function joinBots(options: SwarmOptions): Promise<Crew> {
  const crew: Crew = { bots: [], failures: [], disconnects: {} };
  const client = new Client(options.url);
  let next = 0;
  const joinOne = async (): Promise<void> => {
    while (next < options.count && !options.signal?.aborted) {
      const index = next++;
      const name = `bot-${index + 1}`;
      try {
        crew.bots.push(await joinBot(client, name, index, options, crew.disconnects));
      } catch (error) {
        crew.failures.push({ bot: name, error: explainJoinError(error, options.roomId, options.url).message });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(JOIN_CONCURRENCY, options.count) }, joinOne));
  return crew;
}

async function joinBot(client: Client, name: string, index: number, options: SwarmOptions, disconnects: Record<string, number>): Promise<Bot> {
  const session = await GameSession.join(client, {
    name, roomId: options.roomId, bot: true, link: options.link, linkSeed: options.seed * 1000 + index,
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
  return bot;
}

/** Let the bots play for the duration (or until all are gone, or the run is stopped), reporting
 *  progress once a second. */
function play(crew: Crew, options: SwarmOptions, started: number): Promise<void> {
  const { bots } = crew;
  const playStarted = performance.now();
  return new Promise<void>((resolve) => {
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
        failed: crew.failures.length,
        rooms: new Set(bots.map((b) => b.session.room.roomId)).size,
        net,
      });
      const over = now - playStarted >= options.durationMs || connected === 0 || options.signal?.aborted === true;
      if (over) {
        clearInterval(timer);
        resolve();
      }
    }, PROGRESS_MS);
  });
}

/** Stop the bots and fold what they measured into the result. */
function summarise(crew: Crew, options: SwarmOptions, durationMs: number, ended: number): SwarmResult {
  const { bots } = crew;
  for (const bot of bots) {
    bot.loop.stop();
    bot.open = false; // our own leave after this is not a disconnect
  }
  const botSeconds = bots.reduce((sum, b) => sum + (ended - b.joinedAt) / 1000, 0) || 1;
  return {
    bots: options.count,
    joined: bots.length,
    rooms: [...new Set(bots.map((b) => b.session.room.roomId))],
    failures: crew.failures,
    disconnects: crew.disconnects,
    durationMs,
    figures: figuresOf(totals(bots), botSeconds),
  };
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
