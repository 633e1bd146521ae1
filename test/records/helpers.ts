// Tests: match records helpers: bots that play a short match on a real server, the replay
// command run as a user runs it, and altering one stored input so `verify` must find it.

import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { ARENA } from "../../shared/arena.js";
import { encodeReplayBody, type Replay } from "../../shared/replay/format.js";
import { ReplaySim } from "../../shared/replay/sim.js";
import { stepPlayer } from "../../shared/sim/player.js";
import { packReplay, unpackReplay } from "../../server/records/MatchRecords.js";
import { startBot, type Bot } from "../hosting/helpers/bots.js";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

export const newPlayerKey = () => randomBytes(16).toString("base64url");

/** `count` bots in one fresh room with short matches; the first creates it. */
export async function botsInRoom(url: string, count: number, matchSeconds = 5): Promise<Bot[]> {
  const first = await startBot(url, { name: "Bot-1", create: true, matchSeconds, playerKey: newPlayerKey(), bot: true });
  const bots = [first];
  for (let i = 2; i <= count; i++) {
    bots.push(await startBot(url, { name: `Bot-${i}`, roomId: first.session.room.roomId, playerKey: newPlayerKey(), bot: i % 2 === 0 }));
  }
  return bots;
}

export interface MatchJson {
  id: number;
  endReason: string;
  winner: string | null;
  hasReplay: boolean;
  rules: { matchSeconds: number; fragLimit: number; tickRate: number };
  players: Array<{ name: string; frags: number; deaths: number; shots: number; hits: number; bot: boolean; winner: boolean }>;
}

export async function getJson<T>(url: string): Promise<{ status: number; body: T }> {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as T };
}

/** Run `npm run replay -- …` (through tsx, as the script does) with these variables. */
export function runReplayCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "server/records/replayCli.ts", ...args], {
      cwd: repoRoot, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on("exit", (code) => resolve({ code, stdout: Buffer.concat(out), stderr }));
  });
}

/**
 * Flip the move axis of one stored input, chosen so that the difference lasts until the next
 * full check (a flip that only pushes a player into a wall either way would leave nothing to
 * name). Returns the altered file and what `verify` must report: that input's tick and player.
 */
export function alterOneInput(file: Uint8Array): { file: Uint8Array; tick: number; slot: number; name: string } {
  const replay = unpackReplay(file);
  const sim = new ReplaySim(replay, ARENA);
  let before = new Map<number, { x: number; y: number; vx: number; vy: number; cooldown: number; alive: boolean }>();
  let index = 0;
  const candidates: Array<{ index: number; tick: number; slot: number }> = [];
  while (!sim.finished) {
    sim.stepTick((event) => {
      index++;
      const prev = before.get(event.kind === "input" ? event.slot : -1);
      before = new Map([...sim.players].map(([slot, p]) => [slot, { ...p }]));
      if (event.kind !== "input" || event.moveX === 0 || !prev?.alive || sim.tick < replay.header.tickRate) return;
      const a = { ...prev };
      const b = { ...prev };
      stepPlayer(a, event, 1 / replay.header.tickRate, ARENA);
      stepPlayer(b, { ...event, moveX: -event.moveX }, 1 / replay.header.tickRate, ARENA);
      if (a.x !== b.x) candidates.push({ index: index - 1, tick: sim.tick + 1, slot: event.slot });
    });
  }
  const checkpointTick = (tick: number) => Math.ceil(tick / replay.header.tickRate) * replay.header.tickRate;
  for (const c of candidates) {
    const altered: Replay = { header: replay.header, events: replay.events.slice() };
    const e = altered.events[c.index];
    if (e.kind !== "input") continue;
    altered.events[c.index] = { ...e, moveX: -e.moveX };
    // Chosen without the verifier: the two simulations still differ for that player at the next
    // full check. What `verify` reports about it is the test's to check.
    const a = new ReplaySim(replay, ARENA);
    const b = new ReplaySim(altered, ARENA);
    while (a.tick < checkpointTick(c.tick) && !a.finished) {
      a.stepTick();
      b.stepTick();
    }
    const pa = a.players.get(c.slot);
    const pb = b.players.get(c.slot);
    if (a.tick === checkpointTick(c.tick) && pa && pb && (pa.x !== pb.x || pa.y !== pb.y)) {
      const name = [...replay.header.players, ...replay.events.flatMap((x) => (x.kind === "join" ? [x] : []))]
        .find((p) => p.slot === c.slot)!.name;
      return { file: packReplay(encodeReplayBody(altered)), tick: c.tick, slot: c.slot, name };
    }
  }
  throw new Error(`no input of ${candidates.length} candidates changes the state until a full check`);
}
