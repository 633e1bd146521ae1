// Server (lag compensation over the room's position history): where a shooter drew a target when it fired,
// redrawn from the server's own history and the shot's stamp (shared/sim/glide.ts): the target at
// the shooter's render time, interpolated or carried forward past the shooter's newest update
// (shared/sim/extrapolate.ts), plus what was left of each correction still gliding out on the
// shooter's screen. The stamp only names instants; every position comes from the history.

import { EXTRAPOLATE_MAX_MS, MAX_REWIND_MS } from "../../shared/constants.js";
import { extrapolateAxis } from "../../shared/sim/extrapolate.js";
import {
  GLIDE_KEYS, GLIDE_REACH_MS, RENDER_CLOCK_MAX_RATE, glideShare, unwrapTime, type ShotStamp,
} from "../../shared/sim/glide.js";
import type { Player } from "../../shared/schema.js";

/** The player fields a rewind answers for. */
export type RewoundField = "x" | "y" | "vx" | "vy";

/** The position history this reads (positionHistory.ts, or Colyseus' own `Rewind`), keeping
 *  REWIND_HISTORY_MS. */
export interface RewindLike {
  at(time: number): { value(target: Player, field: RewoundField): number };
  /** Server time of the newest sample, ms. */
  readonly lastRecordedAt: number;
}

/** History the rewind keeps, ms: a shot is judged at most MAX_REWIND_MS back, against a picture
 *  drawn from updates up to GLIDE_REACH_MS older still. */
export const REWIND_HISTORY_MS = MAX_REWIND_MS + GLIDE_REACH_MS;

/** Rounding of the render-time stamp on the wire, ms (the SDK rounds two figures). */
const STAMP_SLACK_MS = 2;

interface Glide {
  from: number;
  to: number;
  at: number;
  age: number;
}

const glides: Glide[] = GLIDE_KEYS.map(() => ({ from: 0, to: 0, at: 0, age: 0 }));
const before = { x: 0, y: 0 };
const after = { x: 0, y: 0 };

/**
 * `renderTime`: the shot's stamped render time (server ms; 0 = unstamped: the live position).
 * `stamp.lead`: how far past its newest update (`stamp.newest`) the shooter's picture ran (0 =
 * interpolated); carried forward by at most EXTRAPOLATE_MAX_MS, as the client drew it. Each
 * stamped glide adds the share still shown of the correction between the picture from `from`
 * and the picture from `to` at the instant it happened. Nothing reaches further back than the
 * rewind cap (a glide that would is left out; Rewind clamps the rest). Writes into and returns `out`.
 */
export function locateSeen(
  rewind: RewindLike, renderTime: number, stamp: Partial<ShotStamp>, target: Player, out: { x: number; y: number },
): { x: number; y: number } {
  if (!(renderTime > 0)) {
    out.x = target.x;
    out.y = target.y;
    return out;
  }
  const now = rewind.lastRecordedAt;
  const r = Math.max(renderTime, now - MAX_REWIND_MS);
  const oldest = now - REWIND_HISTORY_MS;
  const lead = Math.max(0, stamp.lead ?? 0);
  let newest = Math.max(oldest, r - lead);
  if (lead > 0 && stamp.newest !== undefined) {
    const exact = unwrapTime(stamp.newest, now);
    if (Math.abs(exact - newest) <= STAMP_SLACK_MS) newest = exact;
  }
  drawnAt(rewind, target, r, newest, out);
  const n = readGlides(stamp, r, oldest, now);
  for (let k = 0; k < n; k++) {
    const g = glides[k];
    drawnAt(rewind, target, g.at, g.from, before);
    drawnAt(rewind, target, g.at, g.to, after);
    const dx = before.x - after.x;
    const dy = before.y - after.y;
    const share = glideShare(g.age, Math.hypot(dx, dy));
    out.x += dx * share;
    out.y += dy * share;
  }
  return out;
}

/** Where a client whose newest update was `newest` drew `target` at render time `r`: interpolated
 *  between the samples, or carried forward from the sample at `newest` (at most EXTRAPOLATE_MAX_MS). */
function drawnAt(rewind: RewindLike, target: Player, r: number, newest: number, out: { x: number; y: number }): void {
  if (r <= newest) {
    const view = rewind.at(r);
    out.x = view.value(target, "x");
    out.y = view.value(target, "y");
    return;
  }
  const lead = Math.min(r - newest, EXTRAPOLATE_MAX_MS);
  const view = rewind.at(newest);
  out.x = extrapolateAxis(view.value(target, "x"), view.value(target, "vx"), lead);
  out.y = extrapolateAxis(view.value(target, "y"), view.value(target, "vy"), lead);
}

/**
 * The stamp's glides that an honest client could have had on screen, into `glides`, oldest first;
 * returns how many. A glide is left out when it reaches before `oldest`, is not a step forward in
 * the updates, happened after the shot's frame or while the picture was not past `from`, is
 * younger than the render clock allows, or overlaps another (one correction counted twice).
 */
function readGlides(stamp: Partial<ShotStamp>, renderTime: number, oldest: number, now: number): number {
  let n = 0;
  for (const keys of GLIDE_KEYS) {
    const since = stamp[keys.at] ?? 0;
    if (!(since >= 1)) continue;
    const from = unwrapTime(stamp[keys.from] ?? 0, now);
    const to = unwrapTime(stamp[keys.to] ?? 0, now);
    const at = from + since;
    const age = stamp[keys.age] ?? 0;
    if (from < oldest || to <= from || at > renderTime + STAMP_SLACK_MS) continue;
    if (age < (renderTime - at) / RENDER_CLOCK_MAX_RATE - STAMP_SLACK_MS) continue;
    const g = glides[n++];
    g.from = from; g.to = to; g.at = at; g.age = age;
  }
  // Oldest first; corrections move the newest update forward, so their spans cannot overlap.
  for (let k = 1; k < n; k++) {
    for (let j = k; j > 0 && glides[j].from < glides[j - 1].from; j--) {
      const swap = glides[j];
      glides[j] = glides[j - 1];
      glides[j - 1] = swap;
    }
  }
  let kept = 0;
  for (let k = 0; k < n; k++) {
    if (kept > 0 && glides[k].from < glides[kept - 1].to) continue;
    const swap = glides[kept];
    glides[kept] = glides[k];
    glides[k] = swap;
    kept++;
  }
  return kept;
}
