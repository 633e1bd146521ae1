// Server: the match records HTTP API: recent matches, one match, its replay file, the
// leaderboard. Parameters are validated; a bad one answers 400 saying what is allowed.

import type { Application, NextFunction, Request, Response } from "express";
import { clientAddressOf } from "../hosting/edge.js";
import { RateLimiter } from "../hosting/rateLimit.js";
import type { MatchStore, Period } from "./MatchStore.js";

/** Requests per minute one client address may make to /api (burst of the same size): a page
 *  load makes 2–3, a replay viewer 1. */
export const API_REQUESTS_PER_MINUTE = 120;
/** Matches per page of /api/matches at most, and by default. */
export const MAX_PAGE = 100;
const DEFAULT_PAGE = 20;
/** Largest match id accepted (ids are positive 32-bit integers in both databases). */
const MAX_ID = 2 ** 31 - 1;

class BadRequest extends Error {}

export function mountRecordsApi(app: Application, store: MatchStore, limiter = new RateLimiter(API_REQUESTS_PER_MINUTE)): void {
  app.use("/api", (req, res, next) => {
    const verdict = limiter.take(clientAddressOf(req));
    if (verdict.allowed) return next();
    res.status(429).set("retry-after", String(verdict.retryAfterSeconds)).json({ error: "too many requests from your address: slow down" });
  });

  app.get("/api/matches", handle(async (req, res) => {
    const query = onlyKeys(req, ["limit", "before"]);
    const limit = intParam(query.limit, "limit", 1, MAX_PAGE) ?? DEFAULT_PAGE;
    const before = intParam(query.before, "before", 1, MAX_ID);
    const matches = await store.list(limit, before);
    res.set("cache-control", "no-store").json({ matches, next: matches.length === limit ? matches.at(-1)!.id : null });
  }));

  app.get("/api/matches/:id", handle(async (req, res) => {
    onlyKeys(req, []);
    const id = matchId(req);
    const match = await store.get(id);
    if (!match) return void res.status(404).json({ error: `no match ${id}` });
    res.set("cache-control", "no-store").json(match);
  }));

  app.get("/api/matches/:id/replay", handle(async (req, res) => {
    onlyKeys(req, []);
    const id = matchId(req);
    const file = await store.replay(id);
    if (!file) return void res.status(404).json({ error: `no replay for match ${id} (unknown match, or older than the replay retention)` });
    res.set("cache-control", "public, max-age=86400, immutable").type("application/octet-stream").send(Buffer.from(file));
  }));

  app.get("/api/leaderboard", handle(async (req, res) => {
    const query = onlyKeys(req, ["period"]);
    const period = query.period ?? "7d";
    if (period !== "7d" && period !== "all") throw new BadRequest(`period must be 7d or all (got ${JSON.stringify(period)})`);
    res.set("cache-control", "no-store").json({ period, players: await store.leaderboard(period as Period) });
  }));
}

function handle(fn: (req: Request, res: Response) => Promise<void>) {
  return (req: Request, res: Response, next: NextFunction) => {
    fn(req, res).catch((error: unknown) => {
      if (error instanceof BadRequest) res.status(400).json({ error: error.message });
      else next(error);
    });
  };
}

/** The query as single strings; an unknown or repeated parameter is refused. */
function onlyKeys(req: Request, allowed: string[]): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(req.query)) {
    if (!allowed.includes(key)) {
      throw new BadRequest(`unknown parameter ${JSON.stringify(key)} (allowed: ${allowed.length ? allowed.join(", ") : "none"})`);
    }
    if (typeof value !== "string") throw new BadRequest(`${key} must be given once, as a plain value`);
    out[key] = value;
  }
  return out;
}

function intParam(raw: string | undefined, name: string, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new BadRequest(`${name} must be an integer from ${min} to ${max} (got ${JSON.stringify(raw)})`);
  }
  return value;
}

function matchId(req: Request): number {
  return intParam(String(req.params.id), "match id", 1, MAX_ID)!;
}
