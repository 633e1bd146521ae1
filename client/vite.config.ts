// Build tooling: Vite config of the browser client (`npm run dev`, `npm run build:client`).

import { fileURLToPath } from "node:url";
import { defineConfig, type PluginOption, type UserConfig } from "vite";

const clientRoot = fileURLToPath(new URL(".", import.meta.url));
const devServerEntry = fileURLToPath(new URL("../server/dev.ts", import.meta.url));

export default defineConfig(async ({ command }): Promise<UserConfig> => {
  const plugins: PluginOption[] = [];
  if (command === "serve") {
    // Dev only: the plugin also declares a server build environment that `vite build` must not
    // see. Imported lazily so a client build never loads the server framework.
    const { colyseus } = await import("colyseus/vite");
    plugins.push(colyseus({ serverEntry: devServerEntry }));
  }
  return {
    root: clientRoot,
    // Nothing is fetched at run time: no CDN, no web fonts, no public assets yet.
    publicDir: false,
    build: {
      outDir: "../dist/client",
      emptyOutDir: true,
      // Phaser 4 alone is ~1.5 MB minified; one chunk is fine for a game that needs all of it.
      chunkSizeWarningLimit: 2000,
    },
    plugins,
  };
});
