// Bench load child: counts what every client receives and sends, classified by message kind,
// without decoding state; and the TCP bytes of each client's socket (the wire).

import type { Socket } from "node:net";
import type { DownCounts, TrafficCounts } from "../contracts.js";

import { Code, CODE_MASK, TIMED, TIMED_HEADER_BYTES } from "../protocolBytes.js";

export type Kind = "update" | "heartbeat" | "event" | "state" | "other";

/** Bytes before the state body of a state message with this first byte. */
export function stateHeaderBytes(first: number): number {
  return first & TIMED ? TIMED_HEADER_BYTES : 1;
}

/** Kind of a binary (Colyseus-protocol or raw-floor) message from its first byte and length. */
export function kindOfBinary(first: number, length: number): Kind {
  switch (first & CODE_MASK) {
    case Code.ROOM_STATE_PATCH: return length > stateHeaderBytes(first) ? "update" : "heartbeat";
    case Code.ROOM_STATE: return "state";
    case Code.ROOM_DATA: case Code.ROOM_DATA_BYTES: return "event";
    default: return "other";
  }
}

/** Kind of a JSON broadcast message (`{"type":"state"…` / `{"type":"welcome"…`). */
export function kindOfJson(data: Buffer): Kind {
  const c = data[9];
  return c === 0x73 /* s */ ? "update" : c === 0x77 /* w */ ? "state" : "other";
}

export function emptyDown(): DownCounts {
  return { payloadBytes: 0, wireBytes: 0, messages: 0, updates: 0, updateBytes: 0, heartbeats: 0, heartbeatBytes: 0, events: 0, eventBytes: 0 };
}

export function emptyUp(): TrafficCounts {
  return { payloadBytes: 0, wireBytes: 0, messages: 0 };
}

/** Counters of one load process (all its clients), reset per window. */
export class Traffic {
  down = emptyDown();
  up = emptyUp();
  private readonly sockets = new Set<Socket>();
  private readonly seen = new WeakMap<Socket, { read: number; written: number }>();

  received(kind: Kind, bytes: number): void {
    const d = this.down;
    d.payloadBytes += bytes;
    d.messages++;
    if (kind === "update") { d.updates++; d.updateBytes += bytes; }
    else if (kind === "heartbeat") { d.heartbeats++; d.heartbeatBytes += bytes; }
    else if (kind === "event") { d.events++; d.eventBytes += bytes; }
  }

  sent(bytes: number): void {
    this.up.payloadBytes += bytes;
    this.up.messages++;
  }

  /** Follow a client's TCP socket; bytes it carried before now are not counted. */
  watch(socket: Socket | undefined): void {
    if (!socket || this.sockets.has(socket)) return;
    this.sockets.add(socket);
    this.seen.set(socket, { read: socket.bytesRead, written: socket.bytesWritten });
  }

  /** Counts since the previous call (wire bytes included), and start over. */
  take(): { down: DownCounts; up: TrafficCounts } {
    for (const socket of this.sockets) {
      const last = this.seen.get(socket) ?? { read: 0, written: 0 };
      this.down.wireBytes += socket.bytesRead - last.read;
      this.up.wireBytes += socket.bytesWritten - last.written;
      this.seen.set(socket, { read: socket.bytesRead, written: socket.bytesWritten });
      if (socket.destroyed) this.sockets.delete(socket);
    }
    const out = { down: this.down, up: this.up };
    this.down = emptyDown();
    this.up = emptyUp();
    return out;
  }
}

/** The TCP socket under a `ws` WebSocket (a private field of ws 8; undefined before the upgrade). */
export function socketOfWs(ws: unknown): Socket | undefined {
  return (ws as { _socket?: Socket } | undefined)?._socket ?? undefined;
}
