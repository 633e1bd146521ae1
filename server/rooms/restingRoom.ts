// Server: an idle room rests. A tick in which nothing can happen (no message arrived, nothing
// changed or was sent last tick, nobody dead or spawn-protected, the match phase not about to
// change) is passed without touching the players: the rules count the tick, the recorder repeats
// its digest, the match clock runs, and nothing is sent, so nothing is recorded for lag
// compensation either (its history holds the patches clients interpolate between; ArenaRoom.tick).
//
// Knowing that no message arrived takes one small override of Colyseus 0.18 (pinned exactly in
// package.json; docs/server-cost.md): every frame a client sends reaches the room's `_onMessage`
// (bound per client at join); the wrapper notes it and hands the frame on unchanged.

import type { Room } from "@colyseus/core";
import { overrideRoomInternal } from "../hosting/roomInternals.js";

type OnMessage = (this: Room, client: unknown, buffer: unknown) => unknown;

/** What the room does when a client's frame arrives (before Colyseus handles it). */
export interface Listener {
  messageArrived(): void;
}

/** Make `roomClass` call `messageArrived()` on every frame any client sends it. */
export function noteArrivingMessages(roomClass: { prototype: Room & Listener }): void {
  overrideRoomInternal<OnMessage>(roomClass, "_onMessage", "server/rooms/restingRoom.ts", (base) => function (this: Room, client, buffer) {
    (this as unknown as Listener).messageArrived();
    return base.call(this, client, buffer);
  });
}
