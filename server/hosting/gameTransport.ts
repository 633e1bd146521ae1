// Server: Colyseus' WebSocket transport with the two habits of a game server's hot path:
// everything sent to one socket in one event-loop turn leaves in one write (the socket is corked
// on its first send and uncorked once the turn's work is done, as uWebSockets does), and traffic
// is tallied in plain numbers that the metrics read at scrape time (no metric update per message).

import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { Protocol as Code } from "@colyseus/core";
import { WebSocketTransport, type TransportOptions } from "@colyseus/ws-transport";
import type { RawData, WebSocket } from "ws";
import { quietSocketErrors } from "./clientErrors.js";

/** The protocol code is the low 5 bits of a frame's first byte (the high 3 are modifiers). */
const PROTOCOL_CODE_MASK = 0x1f;

/** Label values of the sent-traffic counters, in tally index order. */
export const SENT_KINDS = ["patch", "state", "message", "other"] as const;
/** Label values of the received-message counter, in tally index order. */
export const RECEIVED_KINDS = ["input", "message", "control"] as const;

function sentKind(code: number): number {
  switch (code) {
    case Code.ROOM_STATE_PATCH: return 0;
    case Code.ROOM_STATE: case Code.JOIN_ROOM: return 1;
    case Code.ROOM_DATA: case Code.ROOM_DATA_BYTES: case Code.ROOM_RESPONSE: return 2;
    default: return 3;
  }
}

function receivedKind(code: number): number {
  switch (code) {
    case Code.ROOM_INPUT_RELIABLE: case Code.ROOM_INPUT_UNRELIABLE: return 0;
    case Code.ROOM_DATA: case Code.ROOM_DATA_BYTES: case Code.ROOM_REQUEST: return 1;
    default: return 2;
  }
}

function firstByte(data: unknown): number {
  if (data instanceof Uint8Array) return data.length > 0 ? data[0] : -1;
  if (Array.isArray(data)) return firstByte(data[0]);
  if (data instanceof ArrayBuffer) return data.byteLength > 0 ? new Uint8Array(data)[0] : -1;
  return -1;
}

function byteLength(data: unknown): number {
  if (data instanceof Uint8Array || data instanceof ArrayBuffer) return data.byteLength;
  if (Array.isArray(data)) return data.reduce((sum: number, part: unknown) => sum + byteLength(part), 0);
  if (typeof data === "string") return Buffer.byteLength(data);
  return 0;
}

/** What the transport carried since the process started (monotonic; read by the metrics). */
export class TrafficTally {
  /** WebSocket payload bytes sent, by SENT_KINDS index. */
  readonly sentBytes = new Float64Array(SENT_KINDS.length);
  /** WebSocket messages sent, by SENT_KINDS index. */
  readonly sentMessages = new Float64Array(SENT_KINDS.length);
  /** WebSocket messages received, by RECEIVED_KINDS index. */
  readonly receivedMessages = new Float64Array(RECEIVED_KINDS.length);
  /** Socket writes: one per socket per event-loop turn in which anything was sent to it. */
  socketWrites = 0;
}

export interface Connection {
  socket: Socket;
  /** Corked during this event-loop turn, waiting for the flush. */
  held: boolean;
}

/**
 * Holds each socket's writes until the current event-loop turn's work is done. The flush runs in
 * setImmediate: after every timer due in this turn (all rooms' ticks) and the I/O it woke, so a
 * tick's events and its patch leave together. A socket that closes meanwhile is flushed by Node
 * itself (end() uncorks) or discarded with it (destroy()), as without batching.
 */
export class WriteBatcher {
  private readonly held: Connection[] = [];
  private scheduled = false;
  private readonly tally: TrafficTally;

  constructor(tally: TrafficTally) {
    this.tally = tally;
  }

  hold(connection: Connection): void {
    if (connection.held) return;
    connection.held = true;
    connection.socket.cork();
    this.held.push(connection);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.flush);
    }
  }

  /** Uncork every socket held this turn: one write each. */
  readonly flush = (): void => {
    const held = this.held;
    for (let i = 0; i < held.length; i++) {
      held[i].held = false;
      held[i].socket.uncork();
    }
    this.tally.socketWrites += held.length;
    held.length = 0;
    this.scheduled = false;
  };
}

export class GameWebSocketTransport extends WebSocketTransport {
  private readonly tally: TrafficTally;
  private readonly batcher: WriteBatcher;

  constructor(options: TransportOptions, tally: TrafficTally) {
    super(options);
    this.tally = tally;
    this.batcher = new WriteBatcher(tally);
    // Before Colyseus' own listener, so no frame of the connection goes unbatched or uncounted.
    this.wss.prependListener("connection", (ws: WebSocket, req: IncomingMessage) => batchAndTally(ws, req.socket, this.batcher, this.tally));
    // After Colyseus' own listener, which logs every client's broken frame with its stack.
    this.wss.on("connection", (ws: WebSocket) => quietSocketErrors(ws));
  }
}

/** Route every frame sent on `ws` (whose TCP socket is `socket`) through `batcher`, and tally
 *  what the connection sends and receives. Call before anything is sent on it. */
export function batchAndTally(ws: WebSocket, socket: Socket, batcher: WriteBatcher, tally: TrafficTally): void {
  const connection: Connection = { socket, held: false };
  const send = ws.send.bind(ws) as (data: unknown, ...rest: unknown[]) => void;
  (ws as { send: (data: unknown, ...rest: unknown[]) => void }).send = (data, ...rest) => {
    const kind = sentKind(firstByte(data) & PROTOCOL_CODE_MASK);
    tally.sentMessages[kind] += 1;
    tally.sentBytes[kind] += byteLength(data);
    batcher.hold(connection);
    send(data, ...rest);
  };
  ws.on("message", (data: RawData) => {
    tally.receivedMessages[receivedKind(firstByte(data) & PROTOCOL_CODE_MASK)] += 1;
  });
}
