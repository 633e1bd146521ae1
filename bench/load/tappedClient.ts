// Bench load child: an SDK Client whose rooms are tapped from their very first frame (the join
// handshake included), so join latency, join bytes and all traffic can be counted.

import { Client, type Room } from "@colyseus/sdk";
import { tapConnection, type Tap } from "../../client/net/connectionTap.js";
import { socketOfWs } from "./traffic.js";
import type { Socket } from "node:net";

export class TappedClient extends Client {
  /** `buffers`: hand frames over as Node Buffers, sparing ws the copy into an ArrayBuffer (light clients). */
  constructor(url: string, private readonly tap: Tap, private readonly buffers = false) {
    super(url);
  }

  protected override createRoom<T>(roomName: string, rootSchema?: new (...args: unknown[]) => T): Room<unknown, T> {
    const room = super.createRoom<T>(roomName, rootSchema);
    const connect = room.connect.bind(room);
    room.connect = (endpoint: string, options?: unknown, headers?: unknown) => {
      connect(endpoint, options, headers);
      const ws = (room.connection.transport as { ws?: { binaryType: string } }).ws;
      if (this.buffers && ws) ws.binaryType = "nodebuffer";
      tapConnection(room.connection, this.tap);
    };
    return room;
  }
}

/** The TCP socket of an SDK room's WebSocket (Node transport), once connected. */
export function socketOfRoom(room: { connection?: { transport?: unknown } }): Socket | undefined {
  return socketOfWs((room.connection?.transport as { ws?: unknown } | undefined)?.ws);
}
