// Server: the public edge. An HTTP server that checks every connection, request and WebSocket
// upgrade before Colyseus, express or ws see it: header/handshake timeout, client address
// (trust-proxy), URL rewrites, Origin allow-list and CORS, body cap, drain and room-creation
// rate limit.

import { matchMaker } from "@colyseus/core";
import { Server as HttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { Duplex } from "node:stream";
import { resolveClientAddress, type TrustProxy } from "./clientAddress.js";
import { answerPreflight, corsHeaders } from "./cors.js";
import { log } from "./log.js";
import type { GameMetrics, RefusalReason } from "./metrics.js";
import type { OriginPolicy } from "./origins.js";
import type { RateLimiter } from "./rateLimit.js";
import { reservationOf, type ReservationLedger } from "./reservationLedger.js";

export interface EdgeOptions {
  origins: OriginPolicy;
  trustProxy: TrustProxy;
  maxBodyBytes: number;
  headersTimeoutMs: number;
  roomCreations: RateLimiter;
  /** Seat reservations each address holds without having connected (undefined: not limited). */
  reservations?: ReservationLedger;
  metrics: GameMetrics;
  /** True once the process drains: matchmaking is refused. */
  draining(): boolean;
  /** Whether a joinOrCreate with these options would have to create a room right now. */
  wouldCreateRoom(roomName: string, options: unknown): Promise<boolean>;
  /** Rewrites of the request (its URL) before anything routes it; a throw answers 400. */
  rewrites?: Array<(req: IncomingMessage) => void>;
}

/** A whole request (headers and body) must arrive within this, ms; bodies are a few KiB at most. */
const REQUEST_TIMEOUT_MS = 30_000;
/** After refusing an oversize body, how long the client may keep sending before the socket is cut, ms. */
const LINGER_MS = 1_000;
/** Seconds a refused matchmaking call during a drain should wait (Retry-After). */
const DRAIN_RETRY_AFTER_S = 5;

const clientAddresses = new WeakMap<IncomingMessage, string>();

/** The address a request came from, as resolved at the edge (trust-proxy applied). */
export function clientAddressOf(req: IncomingMessage): string {
  return clientAddresses.get(req) ?? req.socket.remoteAddress ?? "";
}

interface Refusal {
  status: number;
  reason: RefusalReason;
  message: string;
  headers?: Record<string, string>;
}

export class EdgeServer extends HttpServer {
  private readonly edge: EdgeOptions;
  /** Sockets that have not yet delivered complete request headers, with their deadline
   *  (performance.now() ms). Deadlines grow with insertion order (one timeout for all), so the
   *  map's first entry is always the next one due, and one timer serves every socket. */
  private readonly awaitingHeaders = new Map<Socket, number>();
  private headersTimer: NodeJS.Timeout | undefined;
  /** One close listener shared by every socket still awaiting its headers (`this`: the socket). */
  private readonly forgetSocket: (this: Socket) => void;

  constructor(edge: EdgeOptions) {
    super({
      headersTimeout: edge.headersTimeoutMs,
      requestTimeout: Math.max(REQUEST_TIMEOUT_MS, edge.headersTimeoutMs),
      // Node checks the two timeouts above on this interval (default 30 s: far too coarse).
      connectionsCheckingInterval: Math.min(1000, Math.ceil(edge.headersTimeoutMs / 2)),
    });
    this.edge = edge;
    const awaiting = this.awaitingHeaders;
    this.forgetSocket = function (this: Socket) {
      awaiting.delete(this);
    };
  }

  override emit(event: string | symbol, ...args: unknown[]): boolean {
    if (event === "connection") {
      this.armHeadersTimeout(args[0] as Socket);
    } else if (event === "request") {
      const [req, res] = args as [IncomingMessage, ServerResponse];
      try {
        return this.onRequest(req, res);
      } catch (error) {
        // An exception here would surface inside Node's HTTP parser and end the process.
        log.error("edge: request handling failed", { error, path: req.url });
        if (!res.headersSent) res.writeHead(500).end();
        return true;
      }
    } else if (event === "upgrade") {
      const [req, socket] = args as [IncomingMessage, Duplex];
      try {
        return this.onUpgrade(req, socket, args[2]);
      } catch (error) {
        log.error("edge: upgrade handling failed", { error, path: req.url });
        socket.destroy();
        return true;
      }
    }
    return super.emit(event as string, ...args);
  }

  /** A socket must complete its first request's headers (an upgrade request too) in time. Until
   *  then a socket costs a map entry and the shared close listener (a socket closed earlier leaves
   *  the map at once); nothing stays on a connection that goes on to play, and one timer serves
   *  every socket. */
  private armHeadersTimeout(socket: Socket): void {
    this.awaitingHeaders.set(socket, performance.now() + this.edge.headersTimeoutMs);
    socket.on("close", this.forgetSocket);
    this.scheduleHeadersCheck();
  }

  private headersArrived(socket: Socket | Duplex): void {
    if (this.awaitingHeaders.delete(socket as Socket)) socket.removeListener("close", this.forgetSocket);
  }

  private scheduleHeadersCheck(): void {
    if (this.headersTimer !== undefined) return;
    const next = this.awaitingHeaders.values().next();
    if (next.done) return;
    this.headersTimer = setTimeout(() => {
      this.headersTimer = undefined;
      this.closeLateHeaders();
    }, Math.max(0, Math.ceil(next.value - performance.now()))).unref();
  }

  private closeLateHeaders(): void {
    const now = performance.now();
    for (const [socket, deadline] of this.awaitingHeaders) {
      if (deadline > now) break;
      this.awaitingHeaders.delete(socket);
      if (socket.destroyed) continue;
      this.edge.metrics.refuse("headers_timeout");
      socket.destroy();
    }
    this.scheduleHeadersCheck();
  }

  /** Resolve the client address once; Colyseus reads X-Real-IP first, so it sees the same one. */
  private stampAddress(req: IncomingMessage): string {
    const forwarded = req.headers["x-forwarded-for"];
    const address = resolveClientAddress(req.socket.remoteAddress, Array.isArray(forwarded) ? forwarded.join(",") : forwarded, this.edge.trustProxy);
    clientAddresses.set(req, address);
    req.headers["x-real-ip"] = address;
    return address;
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): boolean {
    this.headersArrived(req.socket);
    const address = this.stampAddress(req);
    const refusal = this.rewrite(req) ?? this.checkRequest(req);
    if (refusal) {
      this.refuse(req, res, refusal, address);
      return true;
    }
    const cors = corsHeaders(req, this.edge.origins);
    if (req.method === "OPTIONS") {
      answerPreflight(res, cors);
      return true;
    }
    for (const [name, value] of Object.entries(cors)) res.setHeader(name, value);
    const matchmake = matchmakeCall(req);
    if (!matchmake) return super.emit("request", req, res);
    this.admitMatchmaking(req, res, matchmake, address).then(
      (refused) => (refused ? this.refuse(req, res, refused, address) : super.emit("request", req, res)),
      (error: unknown) => {
        // The body could not be read (the client went away): nothing to answer.
        log.debug("edge: matchmaking request aborted", { error: (error as Error).message, address });
        req.socket.destroy();
      },
    );
    return true;
  }

  private rewrite(req: IncomingMessage): Refusal | undefined {
    try {
      for (const rewrite of this.edge.rewrites ?? []) rewrite(req);
      return undefined;
    } catch (error) {
      return { status: 400, reason: "bad_request", message: `malformed request: ${(error as Error).message}` };
    }
  }

  private checkRequest(req: IncomingMessage): Refusal | undefined {
    if (!this.edge.origins.allows(req.headers.origin, req.headers.host)) {
      return { status: 403, reason: "origin", message: `origin ${req.headers.origin} is not allowed` };
    }
    // Bodies are capped by their declared length, so nothing unbounded is ever buffered.
    if (req.headers["transfer-encoding"] !== undefined) {
      return { status: 411, reason: "length_required", message: `send a Content-Length (bodies are capped at ${this.edge.maxBodyBytes} bytes)` };
    }
    const length = Number(req.headers["content-length"] ?? 0);
    if (!(length <= this.edge.maxBodyBytes)) {
      return { status: 413, reason: "body_too_large", message: `request body too large (at most ${this.edge.maxBodyBytes} bytes)` };
    }
    return undefined;
  }

  private async admitMatchmaking(
    req: IncomingMessage, res: ServerResponse, call: { method: string; roomName: string }, address: string,
  ): Promise<Refusal | undefined> {
    if (this.edge.draining()) {
      return {
        status: 503, reason: "draining", message: "server is restarting: try again in a moment",
        headers: { "retry-after": String(DRAIN_RETRY_AFTER_S) },
      };
    }
    const ledger = this.edge.reservations;
    if (ledger && call.method !== "reconnect") {
      const reserved = ledger.begin(address);
      if (!reserved) {
        return {
          status: 429, reason: "reservations",
          message: `too many seats reserved from your address and not used yet (at most ${ledger.perAddress}): connect to them, or wait a few seconds`,
          headers: { "retry-after": String(Math.ceil(ledger.lifetimeMs / 1000)) },
        };
      }
      reservationOf(res, matchMaker.processId, reserved);
    }
    if (call.method !== "create" && call.method !== "joinOrCreate") return undefined;
    // Quick play's filter options decide whether a room will be created, so read the (capped)
    // body here and hand it on as `req.body`, which Colyseus' router reads instead of the stream.
    const body = await readBody(req, this.edge.maxBodyBytes);
    (req as IncomingMessage & { body?: string }).body = body;
    const creates = call.method === "create" || (await this.edge.wouldCreateRoom(call.roomName, parseOptions(body)));
    if (!creates) return undefined;
    const verdict = this.edge.roomCreations.take(address);
    if (verdict.allowed) return undefined;
    return {
      status: 429, reason: "rate_limited",
      message: `too many rooms created from your address: try again in ${verdict.retryAfterSeconds} s`,
      headers: { "retry-after": String(verdict.retryAfterSeconds) },
    };
  }

  private refuse(req: IncomingMessage, res: ServerResponse, refusal: Refusal, address: string): void {
    this.edge.metrics.refuse(refusal.reason);
    log.debug("edge: refused", { status: refusal.status, reason: refusal.reason, address, method: req.method, path: req.url });
    const body = JSON.stringify({ error: refusal.message });
    const closeAfter = refusal.status === 413 || refusal.status === 411;
    res.writeHead(refusal.status, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(body),
      ...(closeAfter ? { connection: "close" } : {}),
      ...refusal.headers,
    });
    res.end(body);
    if (closeAfter) {
      // The unread body is discarded (never buffered); a client still sending after the answer
      // is cut off shortly after.
      res.once("finish", () => setTimeout(() => req.socket.destroy(), LINGER_MS).unref());
    }
  }

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: unknown): boolean {
    this.headersArrived(socket);
    const address = this.stampAddress(req);
    if (this.edge.origins.allows(req.headers.origin, req.headers.host)) {
      this.edge.reservations?.connecting(req.url);
      return super.emit("upgrade", req, socket, head);
    }
    this.edge.metrics.refuse("origin");
    log.info("edge: websocket refused", { reason: "origin", origin: req.headers.origin, address });
    const body = `origin ${req.headers.origin} is not allowed\n`;
    socket.on("error", () => socket.destroy());
    socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
    return true;
  }
}

/** The request body as text; its length was checked against the cap already (Content-Length). */
function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) req.destroy(new Error("body over the cap"));
      else chunks.push(chunk);
    });
    req.once("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.once("error", reject);
  });
}

/** Matchmaking options from a body; anything unparsable counts as none (Colyseus answers it). */
function parseOptions(body: string): unknown {
  try {
    return body ? JSON.parse(body) : {};
  } catch {
    return {};
  }
}

/** `POST /matchmake/<method>/<room>` → its parts; anything else → undefined. */
function matchmakeCall(req: IncomingMessage): { method: string; roomName: string } | undefined {
  if (req.method !== "POST") return undefined;
  const match = /^\/matchmake\/(\w+)\/([^/?]+)/.exec(req.url ?? "");
  if (!match) return undefined;
  try {
    return { method: match[1], roomName: decodeURIComponent(match[2]) };
  } catch {
    return { method: match[1], roomName: match[2] }; // malformed escape: Colyseus answers it
  }
}
