// Build tooling: a Vite plugin that writes a brotli (`.br`) and a gzip (`.gz`) copy beside every
// text file of the client build, so the server sends them as they are (server/hosting/staticFiles.ts)
// and spends no CPU compressing per request.

import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import type { Plugin } from "vite";

/** Files worth compressing (images are compressed already). */
export const COMPRESSIBLE = /\.(?:html|js|mjs|css|json|webmanifest|svg|txt|map)$/;

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Brotli at its best quality and gzip at level 9: done once per build, so size wins over time. */
export function brotliBytes(data: Buffer): Promise<Buffer> {
  return brotli(data, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  });
}

export function gzipBytes(data: Buffer): Promise<Buffer> {
  return gzipAsync(data, { level: constants.Z_BEST_COMPRESSION });
}

export function precompress(): Plugin {
  return {
    name: "skirmish:precompress",
    apply: "build",
    async writeBundle(options, bundle) {
      const outDir = options.dir;
      if (!outDir) throw new Error("precompress: the build has no output folder");
      const names = Object.keys(bundle).filter((name) => COMPRESSIBLE.test(name));
      await Promise.all(names.map(async (name) => {
        const path = join(outDir, name);
        const data = await readFile(path);
        const [br, gz] = await Promise.all([brotliBytes(data), gzipBytes(data)]);
        // A copy no smaller than the file is useless: the server then sends the file itself.
        if (br.length < data.length) await writeFile(`${path}.br`, br);
        if (gz.length < data.length) await writeFile(`${path}.gz`, gz);
      }));
    },
  };
}
