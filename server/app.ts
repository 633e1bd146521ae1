// Server: builds the Colyseus server: the `arena` room, the HTTP routes and the built client.
// Used by the production entry (main.ts), the Vite dev plugin (dev.ts) and the tests.

import { defineRoom, defineServer, type Server } from "@colyseus/core";
import { WebSocketTransport } from "@colyseus/ws-transport";
import express, { type Application, type NextFunction, type Request, type Response } from "express";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ROOM_NAME } from "../shared/protocol.js";
import { log } from "./hosting/log.js";
import { ArenaRoom } from "./rooms/ArenaRoom.js";

/** Largest WebSocket frame a client may send, bytes: inputs are ~10 bytes, chat is short. */
const MAX_CLIENT_FRAME_BYTES = 16 * 1024;

export interface GameServerOptions {
  /** Folder of the built client to serve at `/`, or undefined to serve none (Vite dev). */
  clientDir?: string;
  /** Register SIGTERM/SIGINT handlers that shut rooms down cleanly (off in tests). */
  handleSignals?: boolean;
}

export function createGameServer(options: GameServerOptions = {}): Server {
  return defineServer({
    rooms: { [ROOM_NAME]: defineRoom(ArenaRoom) },
    transport: new WebSocketTransport({ maxPayload: MAX_CLIENT_FRAME_BYTES }),
    gracefullyShutdown: options.handleSignals ?? false,
    greet: false,
    express: (app) => mountRoutes(app, options.clientDir),
  });
}

function mountRoutes(app: Application, clientDir: string | undefined): void {
  app.disable("x-powered-by");
  if (clientDir !== undefined) {
    if (!existsSync(join(clientDir, "index.html"))) {
      log.warn("client build not found; run `npm run build:client`", { clientDir });
    }
    app.use(express.static(clientDir, { index: "index.html", fallthrough: true }));
  }
  // Anything not served above (and not a matchmaking route, which Colyseus answers first) is 404.
  app.use((req: Request, res: Response) => {
    res.status(404).type("text/plain").send(`404 Not Found: ${req.method} ${req.path}\n`);
  });
  // An error inside a route answers 500 and never reaches the process.
  app.use((error: Error, req: Request, res: Response, _next: NextFunction) => {
    const status = (error as { status?: number }).status ?? 500;
    if (status >= 500) log.error("http error", { method: req.method, path: req.path, error: error.stack ?? String(error) });
    if (!res.headersSent) res.status(status).type("text/plain").send(status >= 500 ? "500 Internal Server Error\n" : `${status} ${error.message}\n`);
  });
}
