// Both sides: the numeric grid the simulation lives on, identical to what the wire carries.

/** Positions and velocities are kept on a 1/32 px grid. Multiplying and dividing by a power of
 *  two is exact in float64, so snapping is bit-identical everywhere, and the schema's quantized
 *  fields (16-bit over a 2048-wide range: 2048 / 65536 = 1/32) carry it without loss. */
export const GRID = 32;

/** Round to the 1/GRID px grid (ties toward +∞, like the schema's floor(x + 0.5)). */
export function snap(v: number): number {
  return Math.floor(v * GRID + 0.5) / GRID;
}

/** Range of the quantized position fields on the wire, px. */
export const WIRE_POS_RANGE = 2048;
/** Range of the quantized velocity fields on the wire, px/s, centred on 0. */
export const WIRE_VEL_RANGE = 2048;
