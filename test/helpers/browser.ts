// Tests: the browser rig shared by the browser tests: a built client, the real game server as a
// child process on a free port, and Debian's Chromium through playwright-core.

import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { chromium, type Browser, type Page } from "playwright-core";
import type {} from "../../client/src/testHook.js"; // types window.skirmish
import { waitFor } from "./waitFor.js";
import { serverNodeArgs } from "../../server/hosting/nodeFlags.js";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** Debian's Chromium (Playwright's own browser download does not work here); CHROMIUM_PATH overrides. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync", "--enable-unsafe-swiftshader",
];

export const haveChromium = existsSync(CHROMIUM);
/** Under CI a missing Chromium fails the test instead of skipping it. */
export const mustRun = Boolean(process.env.CI);

/** Whether a browser suite should be skipped here (warns once per suite when it is). */
export function skipBrowserSuite(suite: string): boolean {
  if (haveChromium || mustRun) return false;
  console.warn(`\n[${suite}] SKIPPED: ${CHROMIUM} not found (apt-get install -y chromium). With CI set it fails instead.\n`);
  return true;
}

export interface BrowserRig {
  /** The game server's address, e.g. http://127.0.0.1:41234. */
  base: string;
  browser: Browser;
  /** Uncaught page errors and requests that left the server, from every page opened. */
  pageErrors: string[];
  offsiteRequests: string[];
  /** Open a page at `path` (e.g. "/?room=abcde"); `initScript` runs before the page's own scripts. */
  openPage(label: string, path: string, viewport?: { width: number; height: number }, initScript?: string): Promise<Page>;
  /** The pages open now. */
  pages(): Page[];
  /** Leave the page's room and close it: every open page renders the game and costs CPU. */
  closePage(page: Page): Promise<void>;
  close(): Promise<void>;
}

/** Build the client if stale, start the server and Chromium. Call in beforeAll; close in afterAll. */
export async function startBrowserRig(): Promise<BrowserRig> {
  if (!haveChromium) throw new Error(`Chromium is required in CI but ${CHROMIUM} is missing: apt-get install -y chromium`);
  await buildClientIfStale();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let serverLog = "";
  // Match records of this run only, deleted with the server.
  const dataDir = mkdtempSync(join(tmpdir(), "skirmish-browser-data-"));
  const server: ChildProcess = spawn(process.execPath, serverNodeArgs(), {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const keepLog = (chunk: Buffer) => { serverLog = (serverLog + chunk.toString()).slice(-8000); };
  server.stdout?.on("data", keepLog);
  server.stderr?.on("data", keepLog);
  await waitForValue("the game server to answer", async () => {
    if (server.exitCode !== null) throw new Error(`game server exited (${server.exitCode}):\n${serverLog}`);
    return fetch(`${base}/`).then((r) => r.status, () => 0);
  }, (status) => status === 200, 30_000);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const pages: Page[] = [];
  const pageErrors: string[] = [];
  const offsiteRequests: string[] = [];
  const closePage = async (page: Page) => {
    // Leave on purpose: a dropped player is held for reconnection, which would keep the room
    // (and the server's graceful shutdown) waiting.
    await page.evaluate(() => window.skirmish?.session?.leave()).catch(() => undefined);
    await page.close().catch(() => undefined);
    pages.splice(pages.indexOf(page), 1);
  };

  return {
    base, browser, pageErrors, offsiteRequests,
    async openPage(label, path, viewport = { width: 1280, height: 800 }, initScript) {
      const page = await browser.newPage({ viewport });
      if (initScript) await page.addInitScript(initScript);
      pages.push(page);
      page.on("pageerror", (error) => pageErrors.push(`${label}: ${error.message}`));
      page.on("request", (request) => {
        const url = request.url();
        if (!url.startsWith(base) && !url.startsWith("data:") && !url.startsWith("blob:")) offsiteRequests.push(url);
      });
      await page.goto(`${base}${path}`);
      return page;
    },
    closePage,
    pages: () => [...pages],
    async close() {
      await Promise.all([...pages].map(closePage));
      await browser.close();
      if (server.exitCode === null) {
        const exited = new Promise((resolve) => server.once("exit", resolve));
        server.kill("SIGTERM");
        const timer = setTimeout(() => server.kill("SIGKILL"), 10_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Poll `probe` until `ok` accepts its value; on timeout the error shows the last value (what
 *  the page said), which is what one needs to read a browser test failure. */
export async function waitForValue<T>(what: string, probe: () => Promise<T>, ok: (value: T) => boolean, timeoutMs: number): Promise<T> {
  let last: T | undefined;
  try {
    const hit = await waitFor(what, async () => {
      last = await probe();
      return ok(last) ? { value: last } : undefined;
    }, { timeoutMs, intervalMs: 50 });
    return hit.value;
  } catch (error) {
    throw new Error(`${(error as Error).message}; last: ${JSON.stringify(last)}`);
  }
}

/** Save a screenshot under test-artifacts/; returns its path. */
export function saveArtifact(name: string, png: Buffer): string {
  const dir = join(ROOT, "test-artifacts");
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, png);
  return path;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** Browser test files run in parallel: one builds while the others wait (a lock directory). */
async function buildClientIfStale(): Promise<void> {
  const lock = join(ROOT, "dist", ".client-build-lock");
  mkdirSync(join(ROOT, "dist"), { recursive: true });
  await waitForValue("the client build lock", async () => {
    try {
      mkdirSync(lock);
      return true;
    } catch {
      // A lock older than any build is left over from a killed run.
      const since = statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
      if (Date.now() - since > 180_000) rmSync(lock, { recursive: true, force: true });
      return false;
    }
  }, (taken) => taken, 180_000);
  try {
    if (clientBuildIsStale()) await promisify(execFile)("npx", ["vite", "build", "--config", "client/vite.config.ts"], { cwd: ROOT });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** True when dist/client is missing or older than any client or shared source. */
function clientBuildIsStale(): boolean {
  const built = join(ROOT, "dist", "client", "index.html");
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  const newerIn = (dir: string): boolean => readdirSync(dir, { withFileTypes: true }).some((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? newerIn(path) : statSync(path).mtimeMs > builtAt;
  });
  return newerIn(join(ROOT, "client")) || newerIn(join(ROOT, "shared"));
}
