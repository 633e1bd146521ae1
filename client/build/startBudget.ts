// Build tooling: a Vite plugin that fails the build when the JavaScript and CSS the start screen
// needs (the entry chunk, its static imports and their CSS, before any `import()`) is over its
// compressed budget, naming the modules that grew since the recorded baseline.

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { relative } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { Plugin, ResolvedConfig } from "vite";
import type { OutputAsset, OutputBundle, OutputChunk } from "rolldown";

export interface StartBudgetOptions {
  /** Most bytes, gzip (what a browser without brotli receives; brotli is smaller), of JS + CSS. */
  limitBytes: number;
  /** JSON file with the per-module sizes of the last accepted build (written when `record`). */
  baselineFile: string;
  /** Write the baseline from this build instead of only comparing (set by START_BUDGET=record). */
  record?: boolean;
  /** Module names in messages and the baseline are relative to this folder (default: Vite's root). */
  projectRoot?: string;
}

/** What the start screen loads, measured. */
export interface StartSize {
  files: string[];
  gzipBytes: number;
  brotliBytes: number;
  /** Estimated gzip bytes per module (each module compressed alone), by project-relative id. */
  modules: Record<string, number>;
  /** The same for everything loaded later by import(). */
  lazyGzipBytes: number;
}

interface Baseline {
  note: string;
  modules: Record<string, number>;
}

/** How many grown modules the failure names. */
const NAMED_MODULES = 6;

export function startBudget(options: StartBudgetOptions): Plugin {
  let config: ResolvedConfig;
  return {
    name: "skirmish:start-budget",
    apply: "build",
    // After Vite's own plugins have put CSS and index.html into the bundle.
    enforce: "post",
    configResolved(resolved) {
      config = resolved;
    },
    generateBundle(_options, bundle) {
      const size = measureStart(bundle, options.projectRoot ?? config.root);
      const summary = `start screen: ${kb(size.gzipBytes)} gzip, ${kb(size.brotliBytes)} brotli ` +
        `(budget ${kb(options.limitBytes)} gzip) in ${size.files.join(", ")}; loaded later: ${kb(size.lazyGzipBytes)} gzip`;
      if (options.record) {
        const baseline: Baseline = {
          note: "Per-module gzip sizes of the start screen's JS and CSS (client/build/startBudget.ts). Rewrite with START_BUDGET=record npm run build:client.",
          modules: sortedByKey(size.modules),
        };
        writeFileSync(options.baselineFile, `${JSON.stringify(baseline, null, 2)}\n`);
      }
      if (size.gzipBytes > options.limitBytes) {
        this.error(`${summary}\nover budget by ${kb(size.gzipBytes - options.limitBytes)}. ${describeGrowth(size.modules, readBaseline(options.baselineFile))}\n` +
          "Load what the start screen does not need with import() (as client/src/main.ts loads the arena), or change the budget on purpose.");
      }
      config.logger.info(summary);
    },
  };
}

/** The entry chunks, their static imports (transitively) and the CSS those import. */
export function measureStart(bundle: OutputBundle, root: string): StartSize {
  const chunks = Object.values(bundle).filter((file): file is OutputChunk => file.type === "chunk");
  const start = new Set<OutputChunk>();
  const visit = (chunk: OutputChunk | undefined) => {
    if (!chunk || start.has(chunk)) return;
    start.add(chunk);
    for (const name of chunk.imports) visit(bundle[name] as OutputChunk | undefined);
  };
  for (const chunk of chunks) if (chunk.isEntry) visit(chunk);

  const css = new Set<string>();
  for (const chunk of start) for (const name of chunk.viteMetadata?.importedCss ?? []) css.add(name);
  const modules: Record<string, number> = {};
  let gzipTotal = 0;
  let brotliTotal = 0;
  const add = (text: string | Uint8Array) => {
    const data = Buffer.from(text);
    gzipTotal += gzipSync(data, { level: constants.Z_BEST_COMPRESSION }).length;
    brotliTotal += brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } }).length;
  };
  for (const chunk of start) {
    add(chunk.code);
    for (const [id, module] of Object.entries(chunk.modules)) {
      if (module.code) modules[moduleName(id, root)] = gzipSync(module.code, { level: constants.Z_BEST_COMPRESSION }).length;
    }
  }
  for (const name of css) {
    const asset = bundle[name] as OutputAsset;
    add(asset.source);
    modules[name.replace(/-[A-Za-z0-9_-]{8,}(\.\w+)$/, "$1")] = gzipSync(Buffer.from(asset.source), { level: constants.Z_BEST_COMPRESSION }).length;
  }
  const lazyGzipBytes = chunks.filter((chunk) => !start.has(chunk))
    .reduce((sum, chunk) => sum + gzipSync(chunk.code, { level: constants.Z_BEST_COMPRESSION }).length, 0);
  return {
    files: [...[...start].map((chunk) => chunk.fileName), ...css],
    gzipBytes: gzipTotal,
    brotliBytes: brotliTotal,
    modules,
    lazyGzipBytes,
  };
}

/** Which modules grew most since the baseline (new ones included), or the largest without one. */
export function describeGrowth(modules: Record<string, number>, baseline: Record<string, number> | undefined): string {
  if (!baseline) {
    const largest = Object.entries(modules).sort((a, b) => b[1] - a[1]).slice(0, NAMED_MODULES);
    return `No baseline to compare with; largest modules: ${largest.map(([id, bytes]) => `${id} ${kb(bytes)}`).join(", ")}.`;
  }
  const grown = Object.entries(modules)
    .map(([id, bytes]) => ({ id, bytes, growth: bytes - (baseline[id] ?? 0), isNew: !(id in baseline) }))
    .filter((m) => m.growth > 0)
    .sort((a, b) => b.growth - a.growth)
    .slice(0, NAMED_MODULES);
  if (grown.length === 0) return "No module grew since the baseline.";
  return `Grew since the baseline: ${grown.map((m) => `${m.id} +${kb(m.growth)}${m.isNew ? " (new)" : ""}`).join(", ")}.`;
}

function readBaseline(file: string): Record<string, number> | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return (JSON.parse(readFileSync(file, "utf8")) as Baseline).modules;
  } catch (error) {
    throw new Error(`cannot read the start budget baseline ${file}: ${(error as Error).message}`);
  }
}

/** `node_modules/phaser/dist/phaser.esm.js`, `client/src/main.ts`: short and stable across machines. */
function moduleName(id: string, root: string): string {
  const clean = id.replace(/^\0/, "").replace(/\?.*$/, "");
  const nodeModules = clean.lastIndexOf("/node_modules/");
  if (nodeModules >= 0) return clean.slice(nodeModules + 1);
  return clean.startsWith("/") ? relative(root, clean) : clean;
}

function kb(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

function sortedByKey(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
