// Both sides: how a remote player's drawn position glides back after a correction (patches held
// up by a stall arrive and the extrapolated picture was wrong), and how a shot describes the
// picture its shooter drew: the server redraws it from its own history. Pure.

import { EXTRAPOLATE_MAX_MS, PLAYER_MAX_SPEED, REMOTE_SNAP_PX } from "../constants.js";

/** Shortest glide, ms: a small correction fades over about three patches. */
export const GLIDE_MIN_MS = 100;
/** A correction smaller than this, px, is not glided (too small to see): a straight run is
 *  extrapolated to within the wire's position grid but not exactly. */
export const GLIDE_MIN_PX = 0.25;
/** Glide speed, px/s, on top of the player's own motion: a large correction glides back instead
 *  of jumping (the jump detector allows 0.8 × top speed on top of the player's own). */
export const GLIDE_SPEED = PLAYER_MAX_SPEED / 2;
/** Corrections that glide out at once and that a shot describes; a further one cuts the
 *  soonest-ending short (the picture jumps by its rest). One set of input fields per slot
 *  (GlideSlot, shared/schema.ts PlayerInput). */
export const GLIDE_SLOTS = 4;
type GlideSlot = 0 | 1 | 2 | 3;
/** The render clock runs at most this much faster than the local clock (the adaptive delay's
 *  slew down, 10 %, with a margin): the server refuses a glide younger than its render times allow. */
export const RENDER_CLOCK_MAX_RATE = 1.25;
/** How much older than the rewind cap (MAX_REWIND_MS) the updates may be that a picture within
 *  the cap was drawn from, ms: extrapolated from an update up to EXTRAPOLATE_MAX_MS old, and
 *  still gliding out a correction that happened up to the longest glide earlier (render clock). */
export const GLIDE_REACH_MS = Math.ceil(EXTRAPOLATE_MAX_MS + glideMs(REMOTE_SNAP_PX) * RENDER_CLOCK_MAX_RATE);
/** Server times on the wire are taken modulo this (uint16): exact within the rewind window. */
const WRAP = 0x10000;

/** How long a correction of `distPx` glides, ms. */
export function glideMs(distPx: number): number {
  return Math.max(GLIDE_MIN_MS, (distPx / GLIDE_SPEED) * 1000);
}

/** Share of a correction of `distPx` still shown `ageMs` after it: 1 falling linearly to 0 over
 *  glideMs(distPx); 0 for a correction above REMOTE_SNAP_PX (a respawn: the picture jumps) or
 *  below GLIDE_MIN_PX. */
export function glideShare(ageMs: number, distPx: number): number {
  if (distPx > REMOTE_SNAP_PX || distPx < GLIDE_MIN_PX) return 0;
  const lasts = glideMs(distPx);
  return ageMs >= lasts ? 0 : 1 - Math.max(0, ageMs) / lasts;
}

/** The input fields that describe one gliding correction. */
export interface GlideKeys {
  /** Server time of the newest update before the correction, mod 2^16. */
  from: `glide${GlideSlot}From`;
  /** Server time of the newest update after it, mod 2^16. */
  to: `glide${GlideSlot}To`;
  /** Render time of the correction minus `from`, ms, ≥ 1 (0: no correction in this slot). */
  at: `glide${GlideSlot}At`;
  /** Local time from the correction to the frame the shot was aimed on, ms. */
  age: `glide${GlideSlot}Age`;
}

export const GLIDE_KEYS: readonly GlideKeys[] = Array.from({ length: GLIDE_SLOTS }, (_, i) => {
  const k = i as GlideSlot;
  return { from: `glide${k}From`, to: `glide${k}To`, at: `glide${k}At`, age: `glide${k}Age` } as const;
});

/**
 * What a shot says about the picture its shooter drew (uint16 fields of the input frame). The
 * server never takes a position from it: it redraws the picture from its own history.
 */
export type ShotStamp = {
  /** How far past its newest update the picture ran, ms (0: interpolated). */
  lead: number;
  /** That newest update's server time, mod 2^16 (exact, where renderTime − lead is ±1 ms). */
  newest: number;
} & { [K in GlideKeys[keyof GlideKeys]]: number };

/** A server time (integer ms) as the wire carries it. */
export function wrapTime(time: number): number {
  return ((Math.round(time) % WRAP) + WRAP) % WRAP;
}

/** The server time at or before `near` (integer ms) that `wrapped` stands for. */
export function unwrapTime(wrapped: number, near: number): number {
  return near - ((((Math.round(near) - wrapped) % WRAP) + WRAP) % WRAP);
}
