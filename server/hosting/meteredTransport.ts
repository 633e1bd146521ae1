// Server: Colyseus' WebSocket transport, counting the frames and bytes each connection carries.

import { WebSocketTransport, type TransportOptions } from "@colyseus/ws-transport";
import type { RawData, WebSocket } from "ws";
import type { GameMetrics } from "./metrics.js";

/** Colyseus protocol codes (the low 5 bits of a frame's first byte; @colyseus/shared-types). */
const PROTOCOL_CODE_MASK = 0x1f;
const Code = {
  JOIN_ROOM: 10, ROOM_DATA: 13, ROOM_STATE: 14, ROOM_STATE_PATCH: 15, ROOM_DATA_BYTES: 17,
  ROOM_INPUT_RELIABLE: 19, ROOM_INPUT_UNRELIABLE: 20, ROOM_REQUEST: 21, ROOM_RESPONSE: 22,
} as const;

function sentKind(code: number): string {
  switch (code) {
    case Code.ROOM_STATE_PATCH: return "patch";
    case Code.ROOM_STATE: case Code.JOIN_ROOM: return "state";
    case Code.ROOM_DATA: case Code.ROOM_DATA_BYTES: case Code.ROOM_RESPONSE: return "message";
    default: return "other";
  }
}

function receivedKind(code: number): string {
  switch (code) {
    case Code.ROOM_INPUT_RELIABLE: case Code.ROOM_INPUT_UNRELIABLE: return "input";
    case Code.ROOM_DATA: case Code.ROOM_DATA_BYTES: case Code.ROOM_REQUEST: return "message";
    default: return "control";
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

export class MeteredWebSocketTransport extends WebSocketTransport {
  constructor(options: TransportOptions, metrics: GameMetrics) {
    super(options);
    // Before Colyseus' own listener, so no frame of the connection goes uncounted.
    this.wss.prependListener("connection", (socket: WebSocket) => meter(socket, metrics));
  }
}

function meter(socket: WebSocket, metrics: GameMetrics): void {
  const send = socket.send.bind(socket) as (data: unknown, ...rest: unknown[]) => void;
  (socket as { send: (data: unknown, ...rest: unknown[]) => void }).send = (data, ...rest) => {
    metrics.sentBytes.inc({ kind: sentKind(firstByte(data) & PROTOCOL_CODE_MASK) }, byteLength(data));
    send(data, ...rest);
  };
  socket.on("message", (data: RawData) => {
    metrics.receivedMessages.inc({ kind: receivedKind(firstByte(data) & PROTOCOL_CODE_MASK) });
  });
}
