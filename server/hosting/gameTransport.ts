// Server: Colyseus' WebSocket transport with the two habits of a game server's hot path:
// everything sent to one socket in one event-loop turn leaves in one write, and traffic is tallied
// in plain numbers that the metrics read at scrape time (no metric update per message).
//
// One write: the binary messages a socket is sent during a turn are held (by reference) and, once
// the turn's work is done, framed as WebSocket binary frames into one buffer and written with one
// socket.write, as uWebSockets does. Framing a server's unmasked, uncompressed binary frame is a
// header of 2, 4 or 10 bytes (RFC 6455 §5.2); ws itself would build the same frames, one write
// request per header and per payload. Anything else ws writes on that socket (pings, pongs, the
// close frame, a message with a callback) first flushes what is held, so the order on the wire is
// the order of the calls.

import type { Socket } from "node:net";
import { Protocol as Code } from "@colyseus/core";
import { WebSocketTransport, type TransportOptions } from "@colyseus/ws-transport";
import { WebSocket } from "ws";
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
  /** Messages held during this event-loop turn, waiting for the flush (in order). */
  held: Uint8Array[];
  /** Their size framed: payloads and frame headers. */
  heldBytes: number;
}

/** Size of the header of an unmasked WebSocket frame carrying `length` payload bytes. */
function headerBytes(length: number): number {
  return length < 126 ? 2 : length < 65_536 ? 4 : 10;
}

/** Write the held messages of `connection` as binary frames, in one buffer, with one write. */
function writeHeld(connection: Connection): boolean {
  const held = connection.held;
  if (held.length === 0) return false;
  const out = Buffer.allocUnsafe(connection.heldBytes);
  let at = 0;
  for (let i = 0; i < held.length; i++) {
    const payload = held[i];
    const length = payload.length;
    out[at++] = 0x82; // FIN, binary
    if (length < 126) {
      out[at++] = length;
    } else if (length < 65_536) {
      out[at++] = 126;
      out.writeUInt16BE(length, at);
      at += 2;
    } else {
      out[at++] = 127;
      out.writeUInt32BE(Math.floor(length / 2 ** 32), at);
      out.writeUInt32BE(length >>> 0, at + 4);
      at += 8;
    }
    out.set(payload, at);
    at += length;
  }
  held.length = 0;
  connection.heldBytes = 0;
  const socket = connection.socket;
  if (socket.destroyed || !socket.writable) return false;
  socket.write(out);
  return true;
}

/**
 * Holds each socket's messages until the current event-loop turn's work is done. The flush runs
 * in setImmediate: after every timer due in this turn (all rooms' ticks) and the I/O it woke, so a
 * tick's events and its patch leave together.
 */
export class WriteBatcher {
  private readonly pending: Connection[] = [];
  private scheduled = false;
  private readonly tally: TrafficTally;

  constructor(tally: TrafficTally) {
    this.tally = tally;
  }

  /** Hold `payload` (a complete binary message) for `connection` until the turn's flush. */
  hold(connection: Connection, payload: Uint8Array): void {
    if (connection.held.length === 0) this.pending.push(connection);
    connection.held.push(payload);
    connection.heldBytes += headerBytes(payload.length) + payload.length;
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.flush);
    }
  }

  /** Write what `connection` holds now (before something that must follow it on the wire). */
  release(connection: Connection): void {
    if (writeHeld(connection)) this.tally.socketWrites += 1;
  }

  /** Write every socket's held messages: one write each. */
  readonly flush = (): void => {
    const pending = this.pending;
    let writes = 0;
    for (let i = 0; i < pending.length; i++) if (writeHeld(pending[i])) writes++;
    this.tally.socketWrites += writes;
    pending.length = 0;
    this.scheduled = false;
  };
}

export class GameWebSocketTransport extends WebSocketTransport {
  constructor(options: TransportOptions, tally: TrafficTally) {
    // Every connection of this transport is a GameSocket (ws creates it: its `WebSocket` option).
    super({ ...options, WebSocket: gameSocketClass(new WriteBatcher(tally), tally) });
    // After Colyseus' own listener, which logs every client's broken frame with its stack.
    this.wss.on("connection", (ws: WebSocket) => quietSocketErrors(ws));
  }
}

/** What of ws' own state says a message may be framed here: an open connection whose sender is
 *  idle (ws queues only while compressing, and compression is off: see canHold). */
interface WsInternals {
  _socket: Socket | null;
  _sender: { _state: number } | null;
  _extensions: Record<string, unknown>;
}

/**
 * A ws WebSocket whose binary messages go through `batcher` (held for the turn's one write), and
 * which tallies what it sends and receives. Methods on the class, not wrappers per connection:
 * a connection costs its two fields.
 */
export function gameSocketClass(batcher: WriteBatcher, tally: TrafficTally): typeof WebSocket {
  return class GameSocket extends WebSocket implements Connection {
    held: Uint8Array[] = [];
    heldBytes = 0;

    get socket(): Socket {
      return (this as unknown as WsInternals)._socket as Socket;
    }

    private canHold(data: unknown, options: unknown, cb: unknown): data is Uint8Array {
      const ws = this as unknown as WsInternals;
      return data instanceof Uint8Array && cb === undefined && typeof options !== "function" &&
        this.readyState === WebSocket.OPEN && ws._sender?._state === 0 && ws._extensions["permessage-deflate"] === undefined;
    }

    override send(data: any, options?: any, cb?: any): void { // eslint-disable-line @typescript-eslint/no-explicit-any -- ws' overloads
      const kind = sentKind(firstByte(data) & PROTOCOL_CODE_MASK);
      tally.sentMessages[kind] += 1;
      tally.sentBytes[kind] += byteLength(data);
      if (this.canHold(data, options, cb)) return batcher.hold(this, data);
      batcher.release(this);
      super.send(data, options, cb);
    }

    // ws' own writes on this socket come after whatever was sent before them.
    override ping(...args: Parameters<WebSocket["ping"]>): void {
      batcher.release(this);
      super.ping(...args);
    }

    override pong(...args: Parameters<WebSocket["pong"]>): void {
      batcher.release(this);
      super.pong(...args);
    }

    override close(...args: Parameters<WebSocket["close"]>): void {
      batcher.release(this);
      super.close(...args);
    }

    override emit(event: string | symbol, ...args: unknown[]): boolean {
      if (event === "message") tally.receivedMessages[receivedKind(firstByte(args[0]) & PROTOCOL_CODE_MASK)] += 1;
      return super.emit(event, ...args);
    }
  };
}
