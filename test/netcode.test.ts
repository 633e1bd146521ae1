// Over the wire, under simulated latency: lag-compensated hits and end-to-end determinism.

import { Client } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GameSession, type Controls } from "../client/net/GameSession.js";
import { IDLE, runHeadless, type HeadlessLoop } from "../client/net/headlessLoop.js";
import { ARENA } from "../shared/arena.js";
import { PLAYER_MAX_SPEED, PLAYER_RADIUS, STEP_SECONDS } from "../shared/constants.js";
import type { ShotEvent } from "../shared/protocol.js";
import { stepPlayer, type MoverState } from "../shared/sim/player.js";
import { startGameServer, type RunningServer } from "./helpers/gameServer.js";
import { startLinkProxy, type LinkProxy } from "./helpers/linkProxy.js";
import { waitFor } from "./helpers/waitFor.js";

/** 150 ms round trip with ±15 ms jitter per direction, between the shooter and the server. */
const ONE_WAY_MS = 75;
const JITTER_MS = 15;

let server: RunningServer;
let laggy: LinkProxy;
const loops: HeadlessLoop[] = [];
const sessions: GameSession[] = [];

beforeAll(async () => {
  server = await startGameServer();
  laggy = await startLinkProxy(server.port, { latencyMs: ONE_WAY_MS, jitterMs: JITTER_MS });
});

afterAll(async () => {
  for (const loop of loops) loop.stop();
  for (const s of sessions) await s.leave().catch(() => undefined);
  await laggy.close();
  await server.stop();
});

async function join(url: string, request: Parameters<typeof GameSession.join>[1], listeners?: Parameters<typeof GameSession.join>[2]) {
  const session = await GameSession.join(new Client(url), request, listeners);
  sessions.push(session);
  return session;
}

/** Top row of the arena: the target strafes along it. */
const ROW_Y = 24 + PLAYER_RADIUS;
const STRAFE_MIN_X = 700;
const STRAFE_MAX_X = 1100;
/** The shooter stands below the middle of the row and fires nearly straight up, across the
 *  target's motion (a shot along the motion would hit regardless of rewinding). */
const SHOOTER_X = 900;
const SHOOTER_Y = 100;

/**
 * One shooter (behind 150 ms RTT) fires a single shot dead-on at a target strafing at full
 * speed across its line of fire, aiming where the target is *drawn* on the shooter's screen.
 */
async function shootStrafingTarget(lagCompensation: boolean): Promise<{ shot: ShotEvent; targetId: string; leadPx: number }> {
  const shots: ShotEvent[] = [];
  const shooter = await join(laggy.url, { name: "shooter", create: true, lagCompensation }, { shot: (e) => shots.push(e) });
  const target = await join(server.url, { name: "target", roomId: shooter.room.roomId });
  await waitFor("both players", () => shooter.room.state.players.size === 2 && target.self() !== undefined);

  // Target: up to the top row, then run back and forth along it.
  let dir = -1;
  loops.push(runHeadless(target, (s) => {
    const me = s.predictedState()!;
    if (me.y > ROW_Y + 0.5) return { ...IDLE, moveY: -1 };
    if (me.x < STRAFE_MIN_X) dir = 1;
    if (me.x > STRAFE_MAX_X) dir = -1;
    return { ...IDLE, moveX: dir };
  }));

  // Shooter: walk to its post below the row, then fire once at the drawn target.
  let fire = false;
  let firedAt: { x: number; y: number } | undefined;
  const shooterLoop = runHeadless(shooter, (s): Controls => {
    const me = s.predictedState()!;
    if (me.y > SHOOTER_Y + 1) return { ...IDLE, moveY: -1 };
    if (me.x < SHOOTER_X) return { ...IDLE, moveX: 1 };
    const seen = s.players().find((p) => p.id === target.sessionId)!;
    const aim = Math.atan2(seen.y - me.y, seen.x - me.x);
    if (fire && !firedAt) firedAt = { x: seen.x, y: seen.y };
    return { ...IDLE, aim, fire: fire && firedAt !== undefined && shots.length === 0 };
  });
  loops.push(shooterLoop);

  // Fire once the target is mid-row at full speed (as the shooter sees it) and the shooter stands still.
  await waitFor("shooter in position, target strafing at speed mid-row", () => {
    const me = shooter.predictedState();
    const t = shooter.room.state.players.get(target.sessionId);
    const seen = shooter.players().find((p) => p.id === target.sessionId);
    return me !== undefined && t !== undefined && seen !== undefined &&
      me.x >= SHOOTER_X && me.y <= SHOOTER_Y + 1 && me.vx === 0 && me.vy === 0 &&
      Math.abs(t.y - ROW_Y) < 0.5 && Math.abs(t.vx) === PLAYER_MAX_SPEED &&
      Math.abs(seen.x - me.x) < 30;
  }, { timeoutMs: 20_000 });
  fire = true;
  const shot = await waitFor("the server to resolve the shot", () => shots.find((e) => e.by === shooter.sessionId), { timeoutMs: 10_000 });
  shooterLoop.stop();
  // How far ahead of the drawn target the live target was when the server resolved the shot.
  const live = shooter.room.state.players.get(target.sessionId)!;
  return { shot, targetId: target.sessionId, leadPx: Math.abs(live.x - (firedAt?.x ?? live.x)) };
}

describe("lag compensation", () => {
  it("a shot at a target the shooter saw is a hit under 150 ms RTT", async () => {
    const { shot, targetId } = await shootStrafingTarget(true);
    expect(shot.hit).toBe(targetId);
  });

  it("the same shot without rewinding is a miss (the target had moved on)", async () => {
    const { shot, leadPx } = await shootStrafingTarget(false);
    expect(shot.hit).toBe("");
    // The live target was well over a body radius away from where the shooter saw it.
    expect(leadPx).toBeGreaterThan(2 * PLAYER_RADIUS);
  });
});

describe("determinism end to end", () => {
  it("the server's state equals the client's replayed prediction and an offline replay, with no correction", async () => {
    const corrections: number[] = [];
    const session = await join(laggy.url, { name: "replayer", create: true }, { correction: (d) => corrections.push(d) });
    const spawn = await waitFor("own player", () => session.room.state.players.get(session.sessionId));
    const start: MoverState = { x: spawn.x, y: spawn.y, vx: spawn.vx, vy: spawn.vy, cooldown: spawn.cooldown, alive: spawn.alive };

    // A pseudo-random stream of stick positions, changing every few steps, recorded as sent.
    let seed = 12345;
    const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const axes = [-1, 0, 1];
    const sent: Controls[] = [];
    let current: Controls = IDLE;
    const STEPS = 240; // 8 s at 30 Hz
    // Then a second of idle steps to come to rest, then nothing until all is acknowledged.
    const IDLE_STEPS = 30;
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const now = performance.now();
        if (sent.length < STEPS && sent.length % 5 === 0) {
          current = { moveX: axes[Math.floor(rand() * 3)], moveY: axes[Math.floor(rand() * 3)], aim: rand() * 6, fire: rand() < 0.2 };
        }
        const controls = sent.length < STEPS ? current : sent.length < STEPS + IDLE_STEPS ? IDLE : null;
        const n = session.frame(now, controls);
        for (let i = 0; i < n; i++) sent.push(controls ?? IDLE);
        const p = session.room.state.players.get(session.sessionId)!;
        if (controls === null && session.pendingInputs === 0 && p.vx === 0 && p.vy === 0) {
          clearInterval(timer);
          resolve();
        }
      }, 1000 / 60);
    });

    const server = session.room.state.players.get(session.sessionId)!;
    const predicted = session.predictedState()!;
    expect(predicted).toMatchObject({ x: server.x, y: server.y, vx: server.vx, vy: server.vy });

    // Offline replay of the recorded stream from the spawn (plus trailing idle steps).
    const offline = { ...start };
    for (const c of sent) stepPlayer(offline, c, STEP_SECONDS, ARENA);
    expect({ x: offline.x, y: offline.y }).toEqual({ x: server.x, y: server.y });

    // The stream moved the player, and the prediction never needed correcting.
    expect(Math.hypot(server.x - start.x, server.y - start.y)).toBeGreaterThan(20);
    expect(corrections.length).toBeGreaterThan(50);
    expect(Math.max(...corrections)).toBe(0);
  });
});
