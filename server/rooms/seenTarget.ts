// Server (the room's adapter over Colyseus' Rewind): where a shooter saw a target when it fired:
// the target rewound to the shooter's render time and, when the shooter's view was extrapolated past its newest update, carried forward by
// the same velocity the client used (shared/sim/extrapolate.ts).

import type { RewindView } from "@colyseus/core";
import { EXTRAPOLATE_MAX_MS } from "../../shared/constants.js";
import { extrapolateAxis } from "../../shared/sim/extrapolate.js";
import type { Player } from "../../shared/schema.js";

/** Anything that can aim a rewind view at a server time (Colyseus' `Rewind`). */
export interface RewindLike {
  at(time: number): RewindView;
}

/**
 * `renderTime`: the shot's stamped render time (server ms; 0 = unstamped, the live position is
 * used). `leadMs`: how far past its newest update the shooter's picture ran (0 = interpolated):
 * the target is read at that update and carried forward by at most EXTRAPOLATE_MAX_MS, as the
 * client drew it. The rewind clamps the instant to its cap. Writes into and returns `out`.
 */
export function locateSeen(
  rewind: RewindLike, renderTime: number, leadMs: number, target: Player, out: { x: number; y: number },
): { x: number; y: number } {
  if (!(renderTime > 0)) {
    out.x = target.x;
    out.y = target.y;
    return out;
  }
  const past = Math.max(0, leadMs);
  const lead = Math.min(past, EXTRAPOLATE_MAX_MS);
  const view = rewind.at(renderTime - past);
  out.x = extrapolateAxis(view.value(target, "x"), view.value(target, "vx"), lead);
  out.y = extrapolateAxis(view.value(target, "y"), view.value(target, "vy"), lead);
  return out;
}
