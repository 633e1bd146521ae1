// Bots: the hit-registration scenario: one bot fires dead-on at a target running a known path;
// the share of shots the server registers as hits, with lag compensation on or off.

import { Client } from "@colyseus/sdk";
import { GameSession } from "../client/net/GameSession.js";
import { IDLE, runHeadless, type HeadlessLoop } from "../client/net/headlessLoop.js";
import type { LinkProfile } from "../client/net/linkSim.js";
import { PLAYER_MAX_SPEED, PLAYER_RADIUS } from "../shared/constants.js";
import type { ShotEvent } from "../shared/protocol.js";
import { ARENA } from "../shared/arena.js";
import { nextStop, steerTo } from "../shared/bots/navigation.js";

/** The target runs back and forth along the top row of the arena, x in [MIN_X, MAX_X]. */
const ROW_Y = 24 + PLAYER_RADIUS;
const MIN_X = 700;
const MAX_X = 1100;
/** The shooter stands below the middle of the row and fires only while the target is within
 *  ±FIRE_WINDOW_X of straight above, so every shot crosses the target's motion: a target that
 *  moved on by a body radius or more is then missed. */
const SHOOTER_X = 900;
const SHOOTER_Y = 140;
const FIRE_WINDOW_X = 100;

/** How long the scenario may take by default: the walk to the post, then about two shots a
 *  second when the target passes (slower on a lossy link and a loaded machine). */
const DEFAULT_TIMEOUT_MS = 30_000;
const TIMEOUT_PER_SHOT_MS = 1_000;

export interface HitRegOptions {
  url: string;
  lagCompensation: boolean;
  /** Shots to fire. */
  shots: number;
  link?: LinkProfile;
  seed: number;
  timeoutMs?: number;
}

export interface HitRegResult {
  lagCompensation: boolean;
  shots: number;
  hits: number;
  /** hits / shots. */
  hitShare: number;
  /** For each shot, how far the latest received target position was from where the shooter
   *  drew it when firing, px (the error a rewind must undo, minus the downstream delay). */
  leadPx: number[];
}

export async function runHitRegistration(options: HitRegOptions): Promise<HitRegResult> {
  const client = new Client(options.url);
  const shots: ShotEvent[] = [];
  const leads: number[] = [];
  let fired = 0;
  let lead = 0;
  const shooter = await GameSession.join(client, {
    name: "hitreg-shooter", create: true, lagCompensation: options.lagCompensation, damage: false,
    link: options.link, linkSeed: options.seed,
  }, {
    shot: (e) => {
      if (e.by === shooter.sessionId) shots.push(e);
    },
    // Count shots as they really leave the gun (an input step fired), not as frames asked.
    localShot: () => {
      fired++;
      leads.push(lead);
    },
  });
  const target = await GameSession.join(client, {
    name: "hitreg-target", roomId: shooter.room.roomId, link: options.link, linkSeed: options.seed + 1,
  });
  const loops: HeadlessLoop[] = [];
  try {
    let dir = -1;
    loops.push(runHeadless(target, (s) => {
      const me = s.predictedState();
      if (!me) return IDLE;
      if (me.y > ROW_Y + 0.5) return { ...IDLE, moveY: -1 };
      if (me.x < MIN_X) dir = 1;
      if (me.x > MAX_X) dir = -1;
      return { ...IDLE, moveX: dir };
    }));

    loops.push(runHeadless(shooter, (s) => {
      const me = s.predictedState();
      if (!me) return IDLE;
      const post = { x: SHOOTER_X, y: SHOOTER_Y };
      if (Math.hypot(me.x - post.x, me.y - post.y) > 2 || me.vx !== 0 || me.vy !== 0) {
        // Around the walls: a spawn below the cover beside the post has no straight way up.
        return { ...IDLE, ...steerTo(me, nextStop(ARENA, me, post) ?? post) };
      }
      const seen = s.players().find((p) => p.id === target.sessionId);
      const live = s.room.state.players.get(target.sessionId);
      if (!seen || !live) return IDLE;
      const aim = Math.atan2(seen.y - me.y, seen.x - me.x);
      const ready = fired < options.shots &&
        Math.abs(seen.y - ROW_Y) < 0.5 && Math.abs(live.vx) === PLAYER_MAX_SPEED &&
        Math.abs(seen.x - me.x) < FIRE_WINDOW_X;
      lead = Math.abs(live.x - seen.x);
      return { ...IDLE, aim, fire: ready };
    }));

    const deadline = performance.now() + (options.timeoutMs ?? DEFAULT_TIMEOUT_MS + TIMEOUT_PER_SHOT_MS * options.shots);
    while (shots.length < options.shots) {
      if (performance.now() > deadline) {
        throw new Error(`hit-registration scenario timed out: ${shots.length}/${options.shots} shots resolved`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const hits = shots.filter((s) => s.hit === target.sessionId).length;
    return { lagCompensation: options.lagCompensation, shots: shots.length, hits, hitShare: hits / shots.length, leadPx: leads };
  } finally {
    for (const loop of loops) loop.stop();
    await Promise.all([shooter.leave(), target.leave()].map((p) => p.catch(() => undefined)));
  }
}
