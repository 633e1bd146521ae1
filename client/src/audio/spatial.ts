// Browser client: where a sound seems to come from: stereo pan and loudness of a sound at a world
// position as heard by a listener (the own player). Pure, Phaser- and DOM-free.

import { ARENA } from "../../../shared/arena.js";

/** Within this distance, px, a sound plays at full loudness (a fight at arm's length). */
const NEAR_PX = 120;
/** Past NEAR_PX, loudness halves every this many px more (1/(1 + d/FALLOFF_PX)). */
const FALLOFF_PX = 320;
/** The quietest a sound in the arena gets: a shot across the map is still heard. */
const MIN_GAIN = 0.15;
/** A sound at the edge of the screen pans this far (1 = one ear only, which sounds wrong). */
const MAX_PAN = 0.8;

export interface Placement {
  /** -1 left … 1 right. */
  pan: number;
  /** 0–1, multiplies the sound's own level. */
  gain: number;
}

export interface Point {
  x: number;
  y: number;
}

/** A sound at `source` as heard at `listener` (world px). Without a listener (spectating, not
 *  spawned yet) the arena centre listens. */
export function placeSound(listener: Point | undefined, source: Point): Placement {
  const ear = listener ?? { x: ARENA.width / 2, y: ARENA.height / 2 };
  const dx = source.x - ear.x;
  const distance = Math.hypot(dx, source.y - ear.y);
  const pan = Math.max(-1, Math.min(1, dx / (ARENA.width / 2))) * MAX_PAN;
  const gain = Math.max(MIN_GAIN, 1 / (1 + Math.max(0, distance - NEAR_PX) / FALLOFF_PX));
  return { pan, gain };
}
