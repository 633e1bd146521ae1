// Browser client: the colours of the game. Phaser-free so tests can read them too.

/** Player colours, indexed by the server's `Player.color` (0–7). Distinct hues, all bright
 *  enough to read on the dark floor. */
export const PLAYER_COLORS: readonly number[] = [
  0xff5d5d, // red
  0x4da6ff, // blue
  0x5fd36f, // green
  0xffc93c, // yellow
  0xc48bff, // purple
  0xff9a3d, // orange
  0x3ddbd9, // cyan
  0xff72c0, // pink
];

/** The colour of palette entry `index`; out-of-range indexes wrap instead of failing. */
export function playerColor(index: number): number {
  const n = PLAYER_COLORS.length;
  return PLAYER_COLORS[((index % n) + n) % n];
}

/** Mix `color` toward white by `amount` (0 = unchanged, 1 = white). */
export function lighten(color: number, amount: number): number {
  const mix = (c: number) => Math.round(c + (255 - c) * amount);
  return (mix((color >> 16) & 0xff) << 16) | (mix((color >> 8) & 0xff) << 8) | mix(color & 0xff);
}

export const COLORS = {
  background: 0x10131a,
  floorGrid: 0x1a1f2a,
  wallFill: 0x2e3544,
  wallEdge: 0x4a5468,
  barrel: 0xc9d1de,
  outline: 0x0b0d12,
  selfRing: 0xffffff,
  healthBack: 0x0b0d12,
  healthHigh: 0x5fd36f,
  healthMid: 0xffc93c,
  healthLow: 0xff5d5d,
} as const;

/** CSS colour of a 0xRRGGBB number, for Phaser text styles. */
export function css(color: number): string {
  return `#${color.toString(16).padStart(6, "0")}`;
}
