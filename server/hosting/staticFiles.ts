// Server: serves the built client from memory: the brotli or gzip file the build made beside each
// one (chosen by Accept-Encoding), long immutable caching for content-hashed assets, revalidation
// (ETag, 304) for everything else. Only files present at start-up are served: no path from a
// request ever reaches the file system.

import type { Request, RequestHandler } from "express";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { extname, join, relative, sep } from "node:path";

/** Content-hashed files (Vite names them `assets/<name>-<hash>.<ext>`) never change: a year. */
export const IMMUTABLE_CACHE = "public, max-age=31536000, immutable";
/** index.html, the manifest and icons keep their names across builds: ask every time (304 if unchanged). */
export const REVALIDATE_CACHE = "no-cache";

/** The encodings the build writes, best first, with the suffix of their file. */
const ENCODINGS = [
  { name: "br", suffix: ".br" },
  { name: "gzip", suffix: ".gz" },
] as const;
type Encoding = (typeof ENCODINGS)[number]["name"];

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json; charset=utf-8",
};

/** A Vite output file under `assets/` whose name ends in its content hash. */
const HASHED_ASSET = /^\/assets\/.+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

interface Variant {
  body: Buffer;
  etag: string;
}

interface StaticFile {
  type: string;
  cacheControl: string;
  identity: Variant;
  encoded: Partial<Record<Encoding, Variant>>;
}

/** The files of `dir` by URL path (`/index.html` also as `/`). */
export function loadStaticFiles(dir: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  const names = listFiles(dir);
  const present = new Set(names);
  for (const name of names) {
    if (ENCODINGS.some((e) => name.endsWith(e.suffix) && present.has(name.slice(0, -e.suffix.length)))) continue;
    const path = `/${relative(dir, name).split(sep).join("/")}`;
    const body = readIfPresent(name);
    if (!body) continue;
    const encoded: StaticFile["encoded"] = {};
    for (const encoding of ENCODINGS) {
      const bytes = present.has(name + encoding.suffix) ? readIfPresent(name + encoding.suffix) : undefined;
      if (bytes && bytes.length < body.length) encoded[encoding.name] = variant(bytes, encoding.name);
    }
    files.set(path, {
      type: CONTENT_TYPES[extname(name).toLowerCase()] ?? "application/octet-stream",
      cacheControl: HASHED_ASSET.test(path) ? IMMUTABLE_CACHE : REVALIDATE_CACHE,
      identity: variant(body, "identity"),
      encoded,
    });
  }
  const index = files.get("/index.html");
  if (index) files.set("/", index);
  return files;
}

/** Express middleware over loadStaticFiles(dir); anything else goes on (next()). */
export function serveStaticFiles(dir: string): RequestHandler {
  const files = loadStaticFiles(dir);
  return (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    const file = files.get(req.path);
    if (!file) return next();
    const encoding = chooseEncoding(req.headers["accept-encoding"], file);
    const chosen = encoding ? file.encoded[encoding]! : file.identity;
    res.set({
      "content-type": file.type,
      "cache-control": file.cacheControl,
      etag: chosen.etag,
      "x-content-type-options": "nosniff",
    });
    if (Object.keys(file.encoded).length > 0) res.vary("Accept-Encoding");
    if (encoding) res.set("content-encoding", encoding);
    if (notModified(req, chosen.etag)) return void res.status(304).end();
    res.set("content-length", String(chosen.body.length));
    if (req.method === "HEAD") return void res.status(200).end();
    res.status(200).end(chosen.body);
  };
}

/**
 * The best encoding the client accepts (q > 0) that this file has, or undefined for the plain
 * file. Brotli first (smaller), then gzip; `*` accepts both; `q=0` refuses.
 */
export function chooseEncoding(header: string | undefined, file: Pick<StaticFile, "encoded">): Encoding | undefined {
  if (!header) return undefined;
  const quality = new Map<string, number>();
  for (const part of header.split(",")) {
    const [token, ...params] = part.trim().toLowerCase().split(";");
    if (!token) continue;
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find(Boolean);
    const value = q ? Number(q[1]) : 1;
    quality.set(token, Number.isFinite(value) ? value : 0);
  }
  const accepted = (name: string) => (quality.get(name) ?? quality.get("*") ?? 0) > 0;
  return ENCODINGS.find((e) => file.encoded[e.name] && accepted(e.name))?.name;
}

function notModified(req: Request, etag: string): boolean {
  const header = req.headers["if-none-match"];
  if (!header) return false;
  return header.split(",").some((tag) => {
    const trimmed = tag.trim();
    return trimmed === "*" || trimmed.replace(/^W\//, "") === etag;
  });
}

function variant(body: Buffer, encoding: string): Variant {
  const hash = createHash("sha256").update(body).digest("base64url").slice(0, 22);
  return { body, etag: `"${hash}-${encoding}"` };
}

/** A file's bytes, or undefined when it vanished since it was listed (a build rewriting the folder). */
function readIfPresent(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** Every file under `dir` (dot files left out), as paths. */
function listFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  return entries.flatMap((entry) => {
    if (entry.name.startsWith(".")) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(path);
    return entry.isFile() ? [path] : [];
  });
}
