// Server: builds the Colyseus server: the `arena` room behind the public edge, the operator routes
// (health, readiness, metrics, room list, monitor) and the built client.
// Used by the production entry (main.ts), the Vite dev plugin (dev.ts) and the tests.

import { defineRoom, defineServer, isDevMode, LobbyRoom, matchMaker, type Server } from "@colyseus/core";
import type { Application, NextFunction, Request, Response } from "express";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { SEAT_RESERVATION_SECONDS } from "../shared/constants.js";
import { ROOM_NAME, LOBBY_ROOM_NAME } from "../shared/protocol.js";
import { readConfig, type ServerConfig } from "./hosting/config.js";
import { takeOverCors } from "./hosting/cors.js";
import { Drain, installProcessHandlers } from "./hosting/drain.js";
import { EdgeServer } from "./hosting/edge.js";
import { ReservationLedger } from "./hosting/reservationLedger.js";
import { colyseusLogger, log } from "./hosting/log.js";
import { GameWebSocketTransport, TrafficTally } from "./hosting/gameTransport.js";
import { GameMetrics } from "./hosting/metrics.js";
import { OriginPolicy } from "./hosting/origins.js";
import { leastLoadedProcess } from "./hosting/placement.js";
import { RateLimiter } from "./hosting/rateLimit.js";
import { serveStaticFiles } from "./hosting/staticFiles.js";
import type { RedisConnection } from "./hosting/redis.js";
import { RoomSupervisor, roomSettings } from "./hosting/roomSupervisor.js";
import { mountHostingRoutes, type Readiness } from "./hosting/routes.js";
import { mountRecordsApi } from "./records/api.js";
import type { MatchRecords } from "./records/MatchRecords.js";
import { ArenaRoom, type ArenaRoomDefinition } from "./rooms/ArenaRoom.js";
import { normalizeRoomCodeInUrl } from "./rooms/roomCodeUrls.js";
import { filterForFreePlayerSeats } from "./rooms/seatReservations.js";
import "./rooms/lobbyGuard.js";

/** Largest WebSocket frame a client may send, bytes: inputs are ~10 bytes, chat is short. */
const MAX_CLIENT_FRAME_BYTES = 16 * 1024;

export interface GameServerOptions {
  /** Folder of the built client to serve at `/`, or undefined to serve none (Vite dev). */
  clientDir?: string;
  /** Drain on SIGTERM/SIGINT and handle process-level errors (the production entry; off in tests). */
  handleSignals?: boolean;
  /** Defaults to the environment's (readConfig(process.env)). */
  config?: ServerConfig;
  /** Shared matchmaking; required when config.redisUrl is set (see connectRedis). */
  redis?: RedisConnection;
  /** Match records (history, leaderboard, replays) and their API; off when undefined. */
  records?: MatchRecords;
}

export interface HostedServer {
  server: Server;
  /** The HTTP server behind the transport (the edge checks). */
  http: EdgeServer;
  metrics: GameMetrics;
  supervisor: RoomSupervisor;
  drain: Drain;
  readiness(): Readiness;
}

export function createHostedServer(options: GameServerOptions = {}): HostedServer {
  const config = options.config ?? readConfig(process.env);
  if (config.redisUrl !== undefined && options.redis === undefined) {
    throw new Error("REDIS_URL is set: connect first (connectRedis) and pass the connection as `redis`");
  }
  const supervisor = new RoomSupervisor(roomSettings(config));
  takeOverCors();

  const readiness = (): Readiness => {
    const reasons: string[] = [];
    if (supervisor.draining) reasons.push("draining");
    else if (matchMaker.state !== matchMaker.MatchMakerState.READY) reasons.push("starting");
    if (options.redis && !options.redis.ready()) reasons.push("redis");
    return { ready: reasons.length === 0, reasons };
  };
  const traffic = new TrafficTally();
  const metrics = new GameMetrics({
    traffic,
    clients: () => supervisor.clientCount(),
    roomsByPhase: () => supervisor.roomsByPhase(),
    ready: () => readiness().ready,
    draining: () => supervisor.draining,
  });
  supervisor.attachMetrics(metrics);

  const http = new EdgeServer({
    origins: new OriginPolicy(config.allowedOrigins, config.publicUrl),
    trustProxy: config.trustProxy,
    maxBodyBytes: config.maxBodyBytes,
    headersTimeoutMs: config.headersTimeoutMs,
    roomCreations: new RateLimiter(config.roomCreatesPerMinute),
    reservations: new ReservationLedger({ perAddress: config.reservationsPerAddress, seconds: SEAT_RESERVATION_SECONDS }),
    metrics,
    draining: () => supervisor.draining,
    wouldCreateRoom: async (roomName, clientOptions) => {
      // The lobby is one shared listing room, opened on demand: not a room a client makes.
      if (roomName === LOBBY_ROOM_NAME) return false;
      try {
        return !(await matchMaker.findOneRoomAvailable(roomName, clientOptions));
      } catch {
        return false; // unknown room name: Colyseus answers it
      }
    },
    // Inside the edge's guard: a malformed escape in a URL must answer 400, not end the process.
    rewrites: [normalizeRoomCodeInUrl],
  });
  // Under `npm run dev` the Vite plugin owns HTTP and WebSockets; passing a transport only warns.
  const transport = isDevMode ? undefined : new GameWebSocketTransport({
    server: http,
    maxPayload: MAX_CLIENT_FRAME_BYTES,
    pingInterval: config.heartbeatIntervalMs,
    pingMaxRetries: config.heartbeatMaxMissed,
  }, traffic);

  // Matchmaking (joinOrCreate, join) skips rooms whose player seats are full, counting seats
  // reserved for clients still connecting (server/rooms/seatReservations.ts); spectators still
  // join them by code. The lobby lists rooms live.
  const definition: ArenaRoomDefinition = { hosting: supervisor, records: options.records };
  const arena = defineRoom(ArenaRoom, definition).filterBy(["seats"]).enableRealtimeListing();
  filterForFreePlayerSeats(arena);
  arena.on("create", (room) => supervisor.roomOpened(room));
  arena.on("dispose", (room) => supervisor.roomClosed(room));
  arena.on("join", () => supervisor.clientJoined());
  arena.on("leave", (room) => supervisor.clientLeft(room));

  const server = defineServer({
    rooms: { [ROOM_NAME]: arena, [LOBBY_ROOM_NAME]: defineRoom(LobbyRoom) },
    transport,
    presence: options.redis?.presence,
    driver: options.redis?.driver,
    publicAddress: config.publicAddress,
    selectProcessIdToCreateRoom: options.redis ? leastLoadedProcess(config.maxRoomsPerProcess) : undefined,
    logger: colyseusLogger,
    // Signals are the drain's (below), not Colyseus' immediate shutdown.
    gracefullyShutdown: false,
    greet: false,
    express: async (app) => {
      app.disable("x-powered-by");
      await mountHostingRoutes(app, { metrics, readiness, monitor: config.monitor, roomName: ROOM_NAME });
      if (options.records) mountRecordsApi(app, options.records.store);
      mountClient(app, options.clientDir);
    },
  });

  const drain = new Drain({
    server, http: () => http, supervisor, timeoutSeconds: config.drainTimeoutSeconds, redis: options.redis,
    records: options.records,
  });
  if (options.handleSignals) installProcessHandlers(drain);
  return { server, http, metrics, supervisor, drain, readiness };
}

/** The Colyseus server alone (tests and the dev plugin). */
export function createGameServer(options: GameServerOptions = {}): Server {
  return createHostedServer(options).server;
}

function mountClient(app: Application, clientDir: string | undefined): void {
  if (clientDir !== undefined) {
    if (existsSync(join(clientDir, "index.html"))) {
      app.use(serveStaticFiles(clientDir));
    } else {
      log.warn("client build not found; run `npm run build:client`", { clientDir });
    }
  }
  // Anything not served above (and not a matchmaking route, which Colyseus answers first) is 404.
  // Not under `npm run dev`: there this app sits in front of Vite, which serves the client.
  if (!isDevMode) {
    app.use((req: Request, res: Response) => {
      res.status(404).type("text/plain").send(`404 Not Found: ${req.method} ${req.path}\n`);
    });
  }
  // An error inside a route answers 500 and never reaches the process.
  app.use((error: Error, req: Request, res: Response, _next: NextFunction) => {
    const status = (error as { status?: number }).status ?? 500;
    if (status >= 500) log.error("http error", { method: req.method, path: req.path, error });
    if (!res.headersSent) res.status(status).type("text/plain").send(status >= 500 ? "500 Internal Server Error\n" : `${status} ${error.message}\n`);
  });
}
