// Build tooling: a Vite plugin that draws the home-screen icons (PNG, from code: nothing is
// downloaded or committed as binary) and writes the web app manifest that opens the game
// full-screen in landscape, and links both from index.html.

import { deflateSync } from "node:zlib";
import type { Plugin } from "vite";

/** The floor colour of the arena (client/src/palette.ts COLORS.background). */
const BACKGROUND = 0x10131a;
const FLOOR_GRID = 0x1a1f2a;
/** The first player colour, the outline of one's own player, the barrel. */
const PLAYER = 0xff5d5d;
const RING = 0xffffff;
const BARREL = 0xc9d1de;
/** Samples per pixel side: edges are anti-aliased by averaging 4 × 4 samples. */
const SUPERSAMPLE = 4;

export const ICON_SIZES = { "icons/icon-192.png": 192, "icons/icon-512.png": 512, "icons/apple-touch-icon.png": 180 } as const;
export const MANIFEST_FILE = "manifest.webmanifest";

/** The web app manifest; `base` is Vite's (`/`). */
export function webManifest(base: string): object {
  return {
    id: base,
    name: "Skirmish",
    short_name: "Skirmish",
    description: "A multiplayer top-down arena shooter in the browser.",
    start_url: base,
    scope: base,
    display: "fullscreen",
    orientation: "landscape",
    background_color: hex(BACKGROUND),
    theme_color: hex(BACKGROUND),
    icons: [
      { src: `${base}icons/icon-192.png`, sizes: "192x192", type: "image/png", purpose: "any" },
      { src: `${base}icons/icon-512.png`, sizes: "512x512", type: "image/png", purpose: "any" },
      // The disc sits well inside the central 80 % circle a launcher may crop to.
      { src: `${base}icons/icon-512.png`, sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}

export function appIcons(): Plugin {
  let base = "/";
  return {
    name: "skirmish:app-icons",
    apply: "build",
    configResolved(config) {
      base = config.base;
    },
    generateBundle() {
      for (const [fileName, size] of Object.entries(ICON_SIZES)) {
        this.emitFile({ type: "asset", fileName, source: drawIcon(size) });
      }
      this.emitFile({ type: "asset", fileName: MANIFEST_FILE, source: `${JSON.stringify(webManifest(base), null, 2)}\n` });
    },
    transformIndexHtml() {
      return [
        { tag: "link", attrs: { rel: "manifest", href: `${base}${MANIFEST_FILE}` }, injectTo: "head" },
        { tag: "link", attrs: { rel: "apple-touch-icon", href: `${base}icons/apple-touch-icon.png` }, injectTo: "head" },
        { tag: "meta", attrs: { name: "theme-color", content: hex(BACKGROUND) }, injectTo: "head" },
        { tag: "meta", attrs: { name: "mobile-web-app-capable", content: "yes" }, injectTo: "head" },
      ];
    },
  };
}

/** A `size` × `size` PNG: a player disc with its white ring and barrel on the arena floor. */
export function drawIcon(size: number): Buffer {
  const rgb = Buffer.alloc(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0, g = 0, b = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          // Unit coordinates, centre at (0, 0), edges at ±1.
          const u = ((x + (sx + 0.5) / SUPERSAMPLE) / size) * 2 - 1;
          const v = ((y + (sy + 0.5) / SUPERSAMPLE) / size) * 2 - 1;
          const color = iconColorAt(u, v);
          r += color >> 16; g += (color >> 8) & 0xff; b += color & 0xff;
        }
      }
      const samples = SUPERSAMPLE * SUPERSAMPLE;
      const at = (y * size + x) * 3;
      rgb[at] = Math.round(r / samples); rgb[at + 1] = Math.round(g / samples); rgb[at + 2] = Math.round(b / samples);
    }
  }
  return encodePng(size, size, rgb);
}

function iconColorAt(u: number, v: number): number {
  const distance = Math.hypot(u, v);
  if (distance < 0.36) return PLAYER;
  if (distance < 0.44) return RING;
  // The barrel points up and to the right, like a player aiming.
  const along = (u - v) / Math.SQRT2;
  const across = (u + v) / Math.SQRT2;
  if (along > 0 && along < 0.72 && Math.abs(across) < 0.09) return BARREL;
  const grid = (t: number) => Math.abs(((t + 1) * 4) % 1) < 0.03;
  return grid(u) || grid(v) ? FLOOR_GRID : BACKGROUND;
}

/** PNG, 8-bit RGB, no filter: the icon's flat areas deflate well anyway. */
export function encodePng(width: number, height: number, rgb: Buffer): Buffer {
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) rgb.copy(rows, y * (width * 3 + 1) + 1, y * width * 3, (y + 1) * width * 3);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // bit depth 8, colour type RGB, deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", header),
    pngChunk("IDAT", deflateSync(rows, { level: 9 })),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function hex(color: number): string {
  return `#${color.toString(16).padStart(6, "0")}`;
}
