// Server: the operator's HTTP routes: /healthz, /readyz, /metrics, /rooms and the monitor.

import { matchMaker } from "@colyseus/core";
import express, { type Application, type NextFunction, type Request, type Response } from "express";
import { createHash, timingSafeEqual } from "node:crypto";
import type { MonitorCredentials } from "./config.js";
import { clientAddressOf } from "./edge.js";
import { log } from "./log.js";
import type { GameMetrics } from "./metrics.js";

export interface Readiness {
  ready: boolean;
  /** Why not ready: "starting", "draining", "redis". */
  reasons: string[];
}

export interface HostingRoutesOptions {
  metrics: GameMetrics;
  readiness(): Readiness;
  monitor: MonitorCredentials | undefined;
  /** Room type listed at /rooms. */
  roomName: string;
}

/** /rooms answers from a copy at most this old, ms: listing reads the shared driver (Redis). */
const ROOM_LIST_CACHE_MS = 500;

export async function mountHostingRoutes(app: Application, options: HostingRoutesOptions): Promise<void> {
  const noStore = (res: Response) => res.set("cache-control", "no-store");

  // Liveness: the process answers. Stays 200 while draining (the process is healthy, just leaving).
  app.get("/healthz", (_req, res) => {
    noStore(res).json({ status: "ok", processId: matchMaker.processId, uptimeSeconds: Math.round(process.uptime()) });
  });

  // Readiness: send new players here? Not while starting, draining, or cut off from Redis.
  app.get("/readyz", (_req, res) => {
    const { ready, reasons } = options.readiness();
    noStore(res).status(ready ? 200 : 503).json(ready ? { status: "ready" } : { status: "not ready", reasons });
  });

  app.get("/metrics", async (_req, res, next) => {
    try {
      const body = await options.metrics.registry.metrics();
      noStore(res).type(options.metrics.registry.contentType).send(body);
    } catch (error) {
      next(error);
    }
  });

  app.get("/rooms", roomList(options.roomName));

  if (options.monitor) {
    const { monitor } = await import("@colyseus/monitor");
    app.use("/monitor", requireCredentials(options.monitor), monitor() as unknown as express.RequestHandler);
  }
}

/** Public rooms of every process (the shared listing), for a lobby and for operators. */
function roomList(roomName: string) {
  let cached: { at: number; body: unknown } | undefined;
  return async (_req: Request, res: Response, next: NextFunction) => {
    try {
      if (!cached || Date.now() - cached.at > ROOM_LIST_CACHE_MS) {
        const rooms = await matchMaker.query({ name: roomName, private: false });
        const body = rooms.map((room) => ({
          roomId: room.roomId,
          clients: room.clients,
          maxClients: room.maxClients,
          locked: room.locked ?? false,
          processId: room.processId,
          ...(room.publicAddress ? { publicAddress: room.publicAddress } : {}),
          ...(room.metadata ? { metadata: room.metadata } : {}),
        }));
        cached = { at: Date.now(), body };
      }
      res.set("cache-control", "no-store").json(cached.body);
    } catch (error) {
      next(error);
    }
  };
}

/** HTTP Basic authentication, compared in constant time; refuses cross-site requests outright
 *  (a browser holding the credentials must not be steered into the monitor by another site). */
function requireCredentials(credentials: MonitorCredentials): express.RequestHandler {
  const digest = (text: string) => createHash("sha256").update(text).digest();
  const expected = digest(`${credentials.user}:${credentials.password}`);
  return (req, res, next) => {
    const site = req.headers["sec-fetch-site"];
    if (site !== undefined && site !== "same-origin" && site !== "none") {
      res.status(403).type("text/plain").send("cross-site requests to the monitor are refused\n");
      return;
    }
    const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(req.headers.authorization ?? "");
    const given = match ? Buffer.from(match[1], "base64").toString("utf8") : "";
    if (match && timingSafeEqual(digest(given), expected)) {
      next();
      return;
    }
    if (match) log.warn("monitor: wrong credentials", { address: clientAddressOf(req) });
    res.status(401).set("www-authenticate", 'Basic realm="Skirmish monitor", charset="UTF-8"').type("text/plain").send("credentials required\n");
  };
}
