// Server: the one way Skirmish overrides a Colyseus 0.18 Room internal (pinned exactly in
// package.json; each override is documented in docs/server-cost.md or README "Security and
// limits"): the method found on the room class now is handed to `wrap`, and what `wrap` returns
// takes its place on that class. Start-up stops with the name of the file to update if Colyseus
// no longer has the method.

import type { Room } from "@colyseus/core";

export function overrideRoomInternal<F extends (...args: never[]) => unknown>(
  roomClass: { prototype: Room }, name: string, owner: string, wrap: (base: F) => F,
): void {
  const base = (roomClass.prototype as unknown as Record<string, unknown>)[name];
  if (typeof base !== "function") throw new Error(`@colyseus/core has no Room.${name} any more: ${owner} needs updating`);
  Object.defineProperty(roomClass.prototype, name, { value: wrap(base as F), writable: true, configurable: true });
}
