// Build tooling: real Vite builds of a small fixture app through the client's build plugins: the
// start-screen budget (passes under it, fails over it naming the module that grew), the
// precompressed copies, the generated icons and manifest.

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { build } from "vite";
import { afterEach, describe, expect, it } from "vitest";
import { decodePng } from "../../test/helpers/png.js";
import { appIcons, MANIFEST_FILE } from "./appIcons.js";
import { precompress } from "./precompress.js";
import { startBudget } from "./startBudget.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Text that gzip cannot shrink much: `bytes` characters from a seeded generator. */
function noise(bytes: number, seed: number): string {
  let state = seed;
  let text = "";
  while (text.length < bytes) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    text += state.toString(36);
  }
  return text.slice(0, bytes);
}

/** A start screen (main.js → menu.js, plus `extra` files) that loads game.js with import(). */
function fixture(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "skirmish-build-"));
  dirs.push(dir);
  const all: Record<string, string> = {
    "index.html": '<!doctype html><title>fixture</title><div id="ui"></div><script type="module" src="/main.js"></script>',
    "main.js": 'import { menu } from "./menu.js";\nmenu();\nvoid import("./game.js").then((m) => m.play());\n',
    "menu.js": `export function menu() { document.title = ${JSON.stringify(noise(2000, 1))}; }\n`,
    "game.js": `export function play() { document.title = ${JSON.stringify(noise(20000, 2))}; }\n`,
    ...files,
  };
  for (const [name, text] of Object.entries(all)) writeFileSync(join(dir, name), text);
  return dir;
}

function buildFixture(dir: string, limitBytes: number) {
  return build({
    root: dir,
    configFile: false,
    logLevel: "silent",
    publicDir: false,
    build: { outDir: join(dir, "dist"), emptyOutDir: true },
    plugins: [appIcons(), startBudget({ limitBytes, baselineFile: join(dir, "baseline.json"), projectRoot: dir }), precompress()],
  });
}

describe("start-screen budget", () => {
  it("counts only what the start screen loads, not what import() loads later", async () => {
    const dir = fixture({});
    // game.js alone is ~20 KB of noise: a 6 KB budget passes only if it is left out.
    await buildFixture(dir, 6 * 1024);
  });

  it("fails over budget, naming the module that grew and the new one", async () => {
    const dir = fixture({
      "menu.js": `import { sound } from "./sound.js";\nexport function menu() { sound(); document.title = ${JSON.stringify(noise(6000, 1))}; }\n`,
      "sound.js": `export function sound() { document.body.dataset.s = ${JSON.stringify(noise(4000, 3))}; }\n`,
    });
    writeFileSync(join(dir, "baseline.json"), JSON.stringify({ note: "test", modules: { "main.js": 200, "menu.js": 1500 } }));
    const failure = await buildFixture(dir, 6 * 1024).then(() => undefined, (error: Error) => error.message);
    expect(failure).toMatch(/start screen: [\d.]+ KB gzip.*budget 6\.0 KB gzip/);
    expect(failure).toMatch(/over budget by [\d.]+ KB/);
    // menu.js grew by ~3 KB of gzip, sound.js is new (~3 KB): both named, the larger growth first.
    expect(failure).toMatch(/Grew since the baseline: (menu\.js \+[\d.]+ KB, sound\.js \+[\d.]+ KB \(new\)|sound\.js \+[\d.]+ KB \(new\), menu\.js \+[\d.]+ KB)/);
    expect(failure).not.toMatch(/game\.js/);
  });
});

describe("precompressed copies, icons and manifest", () => {
  it("writes .br and .gz beside each text file, equal to it once decompressed", async () => {
    const dir = fixture({});
    await buildFixture(dir, 64 * 1024);
    const out = join(dir, "dist");
    const html = readFileSync(join(out, "index.html"), "utf8");
    const scripts = [...html.matchAll(/src="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
    expect(scripts).toHaveLength(1);
    for (const name of ["index.html", MANIFEST_FILE, ...scripts]) {
      const original = readFileSync(join(out, name));
      expect(brotliDecompressSync(readFileSync(join(out, `${name}.br`))).equals(original), name).toBe(true);
      expect(gunzipSync(readFileSync(join(out, `${name}.gz`))).equals(original), name).toBe(true);
    }
    expect(existsSync(join(out, "icons/icon-512.png.gz"))).toBe(false);

    expect(html).toContain(`<link rel="manifest" href="/${MANIFEST_FILE}">`);
    expect(html).toContain('<link rel="apple-touch-icon" href="/icons/apple-touch-icon.png">');
    const manifest = JSON.parse(readFileSync(join(out, MANIFEST_FILE), "utf8")) as {
      display: string; orientation: string; start_url: string; icons: Array<{ src: string; sizes: string; purpose: string }>;
    };
    expect(manifest).toMatchObject({ display: "fullscreen", orientation: "landscape", start_url: "/" });
    expect(manifest.icons.map((icon) => icon.purpose).sort()).toEqual(["any", "any", "maskable"]);
    for (const icon of manifest.icons) {
      const image = decodePng(readFileSync(join(out, icon.src)));
      expect(`${image.width}x${image.height}`).toBe(icon.sizes);
      // The player disc's red at the centre, the dark floor in the corner.
      const pixel = (x: number, y: number) => [...image.rgba.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 3)];
      expect(pixel(image.width / 2, image.height / 2)).toEqual([0xff, 0x5d, 0x5d]);
      expect(pixel(1, 1)[0]).toBeLessThan(0x30);
    }
  });
});
