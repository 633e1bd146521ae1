// Hosting: the built client over real HTTP: which encoding each Accept-Encoding gets, the cache
// headers of each kind of file, revalidation (304), and CORS headers only for an allowed site
// calling the API.

import { request } from "node:http";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { brotliBytes, gzipBytes } from "../../client/build/precompress.js";
import { encodePng } from "../../client/build/appIcons.js";
import { startHostedServer, type RunningHostedServer } from "./helpers/hostedServer.js";

const ALLOWED = "https://play.example";
const IMMUTABLE = "public, max-age=31536000, immutable";

const clientDir = mkdtempSync(join(tmpdir(), "skirmish-static-"));
const FILES: Record<string, Buffer> = {
  "index.html": Buffer.from(`<!doctype html><title>Skirmish</title>${"<p>start screen</p>".repeat(50)}`),
  "assets/index-AbC12_-9.js": Buffer.from(`export const text = ${JSON.stringify("start screen code ".repeat(400))};\n`),
  "assets/index-Zx9yW8vU.css": Buffer.from(".start { color: #fff; }\n".repeat(100)),
  "manifest.webmanifest": Buffer.from(JSON.stringify({ name: "Skirmish", display: "fullscreen", description: "an arena ".repeat(40) }, null, 2)),
  "icons/icon-192.png": encodePng(2, 2, Buffer.alloc(12, 0x80)),
};
/** Text files get both compressed copies, as the build writes them. */
const COMPRESSED = ["index.html", "assets/index-AbC12_-9.js", "assets/index-Zx9yW8vU.css", "manifest.webmanifest"];

let server: RunningHostedServer;

beforeAll(async () => {
  for (const [name, body] of Object.entries(FILES)) {
    mkdirSync(dirname(join(clientDir, name)), { recursive: true });
    writeFileSync(join(clientDir, name), body);
  }
  for (const name of COMPRESSED) {
    writeFileSync(join(clientDir, `${name}.br`), await brotliBytes(FILES[name]));
    writeFileSync(join(clientDir, `${name}.gz`), await gzipBytes(FILES[name]));
  }
  server = await startHostedServer({ ALLOWED_ORIGINS: ALLOWED }, clientDir);
});

afterAll(async () => {
  await server?.stop();
  rmSync(clientDir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The bytes on the wire (not decompressed). */
  raw: Buffer;
}

/** A plain HTTP request: unlike fetch, it neither adds Accept-Encoding nor decompresses. */
function get(path: string, headers: Record<string, string> = {}, method = "GET"): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: server.port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, raw: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end(method === "POST" ? "{}" : undefined);
  });
}

function decoded(answer: Answer): Buffer {
  const encoding = answer.headers["content-encoding"];
  if (encoding === "br") return brotliDecompressSync(answer.raw);
  if (encoding === "gzip") return gunzipSync(answer.raw);
  expect(encoding).toBeUndefined();
  return answer.raw;
}

const corsHeaderNames = (answer: Answer) => Object.keys(answer.headers).filter((name) => name.startsWith("access-control-"));

describe("static files", () => {
  it("chooses the encoding by Accept-Encoding and sends the precompressed bytes", async () => {
    const cases: Array<[string | undefined, string | undefined]> = [
      [undefined, undefined],
      ["identity", undefined],
      ["gzip", "gzip"],
      ["gzip, deflate", "gzip"],
      ["gzip, deflate, br, zstd", "br"],
      ["br;q=0, gzip;q=0.8", "gzip"],
      ["br;q=0, gzip;q=0", undefined],
      ["*", "br"],
      ["*;q=0.5, br;q=0", "gzip"],
      ["deflate", undefined],
    ];
    for (const path of ["/", "/index.html", "/assets/index-AbC12_-9.js"]) {
      const original = FILES[path === "/" ? "index.html" : path.slice(1)];
      for (const [accept, expected] of cases) {
        const answer = await get(path, accept === undefined ? {} : { "accept-encoding": accept });
        const what = `${path} with Accept-Encoding ${accept}`;
        expect(answer.status, what).toBe(200);
        expect(answer.headers["content-encoding"], what).toBe(expected);
        expect(answer.headers.vary, what).toMatch(/accept-encoding/i);
        expect(Number(answer.headers["content-length"]), what).toBe(answer.raw.length);
        expect(decoded(answer).equals(original), what).toBe(true);
        if (expected) expect(answer.raw.length, what).toBeLessThan(original.length / 2);
      }
    }
  });

  it("caches hashed assets for a year and makes index.html, the manifest and icons revalidate", async () => {
    const br = { "accept-encoding": "br, gzip" };
    const js = await get("/assets/index-AbC12_-9.js", br);
    expect(js.headers["cache-control"]).toBe(IMMUTABLE);
    expect(js.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    const css = await get("/assets/index-Zx9yW8vU.css", br);
    expect(css.headers["cache-control"]).toBe(IMMUTABLE);
    expect(css.headers["content-type"]).toBe("text/css; charset=utf-8");
    expect(css.headers["content-encoding"]).toBe("br");

    const html = await get("/", br);
    expect(html.headers["cache-control"]).toBe("no-cache");
    expect(html.headers["content-type"]).toBe("text/html; charset=utf-8");
    const manifest = await get("/manifest.webmanifest", br);
    expect(manifest.headers["cache-control"]).toBe("no-cache");
    expect(manifest.headers["content-type"]).toBe("application/manifest+json; charset=utf-8");
    expect(JSON.parse(decoded(manifest).toString("utf8"))).toMatchObject({ display: "fullscreen" });

    // Images are sent as they are: no compressed copy, so nothing varies.
    const icon = await get("/icons/icon-192.png", br);
    expect(icon.status).toBe(200);
    expect(icon.headers["content-type"]).toBe("image/png");
    expect(icon.headers["content-encoding"]).toBeUndefined();
    expect(icon.headers.vary).toBeUndefined();
    expect(icon.headers["cache-control"]).toBe("no-cache");
    expect(icon.raw.equals(FILES["icons/icon-192.png"])).toBe(true);
    for (const answer of [js, css, html, manifest, icon]) {
      expect(answer.headers["x-content-type-options"]).toBe("nosniff");
      expect(corsHeaderNames(answer)).toEqual([]);
    }
  });

  it("answers a revalidation with 304 when the same variant is unchanged", async () => {
    for (const accept of ["br", "gzip", "identity"]) {
      const first = await get("/", { "accept-encoding": accept });
      const etag = String(first.headers.etag);
      expect(etag).toMatch(/^".+"$/);
      const again = await get("/", { "accept-encoding": accept, "if-none-match": etag });
      expect(again.status, accept).toBe(304);
      expect(again.raw.length).toBe(0);
      expect(again.headers.etag).toBe(etag);
      expect(again.headers["cache-control"]).toBe("no-cache");
      expect((await get("/", { "accept-encoding": accept, "if-none-match": `W/${etag}` })).status).toBe(304);
      expect((await get("/", { "accept-encoding": accept, "if-none-match": '"something-else"' })).status).toBe(200);
    }
    // Each encoding has its own tag: a gzip tag does not validate the brotli body.
    const gzipTag = String((await get("/", { "accept-encoding": "gzip" })).headers.etag);
    expect((await get("/", { "accept-encoding": "br", "if-none-match": gzipTag })).status).toBe(200);
  });

  it("answers HEAD with the headers only, and serves nothing else", async () => {
    const head = await get("/assets/index-AbC12_-9.js", { "accept-encoding": "gzip" }, "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers["content-encoding"]).toBe("gzip");
    expect(Number(head.headers["content-length"])).toBeGreaterThan(0);
    expect(head.raw.length).toBe(0);
    for (const path of ["/index.html.br", "/assets/index-AbC12_-9.js.gz", "/assets/", "/icons", "/nope.js", "/%2e%2e/etc/passwd", "/assets/../index.html.gz"]) {
      expect((await get(path, { "accept-encoding": "br" })).status, path).toBe(404);
    }
    expect((await get("/", {}, "POST")).status).toBe(404);
  });
});

describe("CORS", () => {
  const ownOrigin = () => `http://127.0.0.1:${server.port}`;
  const matchmake = (origin?: string) => get("/matchmake/joinOrCreate/arena", {
    "content-type": "application/json", "content-length": "2", ...(origin ? { origin } : {}),
  }, "POST");

  it("gives an allowed site calling the API its own origin back, with credentials, never *", async () => {
    const answer = await matchmake(ALLOWED);
    expect(answer.status).toBe(200);
    expect(answer.headers["access-control-allow-origin"]).toBe(ALLOWED);
    expect(answer.headers["access-control-allow-credentials"]).toBe("true");
    expect(answer.headers.vary).toMatch(/origin/i);

    const rooms = await get("/rooms", { origin: ALLOWED });
    expect(rooms.status).toBe(200);
    expect(rooms.headers["access-control-allow-origin"]).toBe(ALLOWED);

    const preflight = await get("/matchmake/joinOrCreate/arena", {
      origin: ALLOWED, "access-control-request-method": "POST", "access-control-request-headers": "content-type",
    }, "OPTIONS");
    expect(preflight.status).toBe(204);
    expect(preflight.headers["access-control-allow-origin"]).toBe(ALLOWED);
    expect(preflight.headers["access-control-allow-credentials"]).toBe("true");
    expect(preflight.headers["access-control-allow-methods"]).toMatch(/POST/);
    expect(preflight.headers["access-control-allow-headers"]).toMatch(/content-type/i);
  });

  it("sends no CORS headers to the page's own origin, to clients without Origin, or off the API", async () => {
    const answers = {
      "matchmaking, same origin": await matchmake(ownOrigin()),
      "matchmaking, no Origin (a bot)": await matchmake(),
      "room list, no Origin": await get("/rooms"),
      "health, allowed site": await get("/healthz", { origin: ALLOWED }),
      "index.html, allowed site": await get("/", { origin: ALLOWED }),
      "a script, allowed site": await get("/assets/index-AbC12_-9.js", { origin: ALLOWED }),
      "preflight, same origin": await get("/matchmake/joinOrCreate/arena", { origin: ownOrigin(), "access-control-request-method": "POST" }, "OPTIONS"),
    };
    for (const [what, answer] of Object.entries(answers)) {
      expect(answer.status, what).toBeLessThan(300);
      expect(corsHeaderNames(answer), what).toEqual([]);
    }
  });

  it("refuses other sites before any CORS answer", async () => {
    expect((await matchmake("https://evil.example")).status).toBe(403);
    const preflight = await get("/matchmake/joinOrCreate/arena", { origin: "https://evil.example", "access-control-request-method": "POST" }, "OPTIONS");
    expect(preflight.status).toBe(403);
    expect(corsHeaderNames(preflight)).toEqual([]);
  });
});
