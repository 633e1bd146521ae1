// Browser client: short-lived shot effects (tracers, impact sparks, hit flashes). Run by ArenaScene.

import type Phaser from "phaser";
import { lighten } from "./palette.js";
import { BARREL_LENGTH } from "./players.js";

/** How long a tracer stays visible, ms. */
const TRACER_MS = 150;
/** How long a hit player flashes white, ms. */
const HIT_FLASH_MS = 120;
const TRACER_WIDTH = 2;
const SPARK_RADIUS = 7;

interface Tracer {
  ox: number;
  oy: number;
  ex: number;
  ey: number;
  color: number;
  hit: boolean;
  born: number;
}

export class ShotEffects {
  private tracers: Tracer[] = [];
  private readonly flashes = new Map<string, number>();

  /** A shot from the shooter at (ox, oy) to (ex, ey) at `now` (ms); `color` is the shooter's.
   *  The tracer is drawn from the barrel tip, not from inside the shooter's body. */
  addTracer(shot: { ox: number; oy: number; ex: number; ey: number }, color: number, hit: boolean, now: number): void {
    const length = Math.hypot(shot.ex - shot.ox, shot.ey - shot.oy);
    const skip = length > 0 ? Math.min(BARREL_LENGTH, length) / length : 0;
    const ox = shot.ox + (shot.ex - shot.ox) * skip;
    const oy = shot.oy + (shot.ey - shot.oy) * skip;
    this.tracers.push({ ox, oy, ex: shot.ex, ey: shot.ey, color: lighten(color, 0.55), hit, born: now });
  }

  /** Player `id` was hit at `now` (ms). */
  flash(id: string, now: number): void {
    this.flashes.set(id, now);
  }

  /** Strength of player `id`'s hit flash at `now`: 1 just hit, 0 not flashing. */
  flashOf(id: string, now: number): number {
    const at = this.flashes.get(id);
    if (at === undefined) return 0;
    const left = 1 - (now - at) / HIT_FLASH_MS;
    if (left <= 0) this.flashes.delete(id);
    return Math.max(0, left);
  }

  /** Draw the live tracers into `g` and drop the expired ones. */
  draw(g: Phaser.GameObjects.Graphics, now: number): void {
    this.tracers = this.tracers.filter((t) => now - t.born < TRACER_MS);
    for (const t of this.tracers) {
      const left = 1 - (now - t.born) / TRACER_MS;
      g.lineStyle(TRACER_WIDTH, t.color, left);
      g.lineBetween(t.ox, t.oy, t.ex, t.ey);
      g.fillStyle(t.hit ? 0xffffff : t.color, left * 0.9);
      g.fillCircle(t.ex, t.ey, SPARK_RADIUS * (t.hit ? 1.4 : 1) * (1.2 - left * 0.5));
    }
  }
}
