// Server: CORS headers, only for a page on another allowed site calling the HTTP API. Colyseus
// would put `Access-Control-Allow-Origin: *` with `Allow-Credentials: true` on every response;
// the edge decides instead (takeOverCors), from the same allow-list as its Origin check.

import { matchMaker } from "@colyseus/core";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { OriginPolicy } from "./origins.js";

/** The routes a page on another site may call: matchmaking (the SDK) and the public room list. */
const CROSS_ORIGIN_PATHS = [/^\/matchmake\//, /^\/rooms(?:[/?]|$)/];
/** What a preflight allows: the SDK posts JSON, with a bearer token when it has one. */
const ALLOW_METHODS = "GET, POST, OPTIONS";
const ALLOW_HEADERS = "Content-Type, Authorization";
/** How long a browser may reuse a preflight answer, s (Chromium caps it at 2 h). */
const PREFLIGHT_MAX_AGE_S = 7200;

/** Stop Colyseus' router from adding its own CORS headers (it answers OPTIONS with a bare 204). */
export function takeOverCors(): void {
  const controller: { DEFAULT_CORS_HEADERS: Record<string, string> } = matchMaker.controller;
  controller.DEFAULT_CORS_HEADERS = {};
  matchMaker.controller.getCorsHeaders = () => ({});
}

/**
 * The CORS headers for an admitted request (its Origin already passed the policy), or none: for
 * same-origin pages, clients that send no Origin, and routes no other site needs.
 * The Colyseus SDK sends credentials, so a listed origin is echoed with `Allow-Credentials`;
 * `ALLOWED_ORIGINS=*` answers `*` without credentials (browsers never combine the two).
 */
export function corsHeaders(req: IncomingMessage, origins: OriginPolicy): Record<string, string> {
  const path = req.url ?? "/";
  if (!CROSS_ORIGIN_PATHS.some((route) => route.test(path))) return {};
  const origin = req.headers.origin;
  const vary = { vary: "Origin" };
  if (origin === undefined || !origins.isCrossOrigin(origin, req.headers.host)) return vary;
  const allow: Record<string, string> = origins.allowsAnyOrigin()
    ? { "access-control-allow-origin": "*" }
    : { "access-control-allow-origin": origin, "access-control-allow-credentials": "true" };
  return { ...vary, ...allow };
}

/** The answer to a preflight (`OPTIONS` with `Access-Control-Request-Method`). */
export function answerPreflight(res: ServerResponse, headers: Record<string, string>): void {
  const allowed = "access-control-allow-origin" in headers;
  res.writeHead(204, {
    ...headers,
    ...(allowed ? {
      "access-control-allow-methods": ALLOW_METHODS,
      "access-control-allow-headers": ALLOW_HEADERS,
      "access-control-max-age": String(PREFLIGHT_MAX_AGE_S),
    } : {}),
    "content-length": "0",
  });
  res.end();
}
