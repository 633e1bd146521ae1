// Build tooling: Vite config of the browser client (`npm run dev`, `npm run build:client`).

import { fileURLToPath } from "node:url";
import { defineConfig, type PluginOption, type UserConfig } from "vite";
import { appIcons } from "./build/appIcons.js";
import { precompress } from "./build/precompress.js";
import { startBudget } from "./build/startBudget.js";

const clientRoot = fileURLToPath(new URL(".", import.meta.url));
const projectRoot = fileURLToPath(new URL("..", import.meta.url));
const devServerEntry = fileURLToPath(new URL("../server/dev.ts", import.meta.url));

/** The start screen's JavaScript and CSS, gzip, at most: ~0.2 s at 5 Mbit/s, so it is usable
 *  within a second on a phone while Phaser and the arena load behind it. */
const START_SCREEN_BUDGET_BYTES = 120 * 1024;

export default defineConfig(async ({ command }): Promise<UserConfig> => {
  const plugins: PluginOption[] = [
    appIcons(),
    startBudget({
      limitBytes: START_SCREEN_BUDGET_BYTES,
      baselineFile: fileURLToPath(new URL("./build/start-baseline.json", import.meta.url)),
      record: process.env.START_BUDGET === "record",
      projectRoot,
    }),
    precompress(),
  ];
  if (command === "serve") {
    // Dev only: the plugin also declares a server build environment that `vite build` must not
    // see. Imported lazily so a client build never loads the server framework.
    const { colyseus } = await import("colyseus/vite");
    plugins.push(colyseus({ serverEntry: devServerEntry }));
  }
  return {
    root: clientRoot,
    // Nothing is fetched at run time: no CDN, no web fonts. Icons and the manifest are generated.
    publicDir: false,
    build: {
      outDir: "../dist/client",
      emptyOutDir: true,
      // Phaser 4 alone is ~1.5 MB minified, in the arena chunk loaded behind the start screen;
      // the start screen's own budget is checked above.
      chunkSizeWarningLimit: 2000,
    },
    plugins,
  };
});
