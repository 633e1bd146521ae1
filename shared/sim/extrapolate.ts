// Both sides: where a remote player is drawn past its newest known state. The client draws it
// there; the server reproduces it to judge a shot fired at it. Pure.

/** Position `leadMs` past a known state moving at `v` px/s (one axis). */
export function extrapolateAxis(position: number, velocity: number, leadMs: number): number {
  return position + (velocity * leadMs) / 1000;
}
