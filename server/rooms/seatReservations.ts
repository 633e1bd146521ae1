// Server: player seats are decided when matchmaking reserves them, not when the client connects.
// Colyseus reserves a seat (HTTP matchmaking) counting every kind of seat against maxClients, and
// only meets the join options again when the WebSocket connects; with player and spectator seats
// in one room, concurrent quick plays were sent to a room's last player seat and refused later.
//
// Two small overrides of Colyseus 0.18 (pinned exactly in package.json), both documented in
// docs/server-cost.md:
// - for matchmaking requests (joinOrCreate, join), the room's `_reserveSeat` first asks the room
//   whether this kind of seat is free, counting the reservations still waiting for their client;
//   a refusal makes joinOrCreate's own retry pick another room or open one, so no client needs a
//   retry loop. Joining by code is left to the room's onAuth, which refuses a full room with a
//   clear code and message (join as a spectator instead);
// - the room handler's filter asks every joinOrCreate that is not a spectator's for a room whose
//   listing says a player seat is free, as Skirmish's own client always did (`seats: "open"`), so a
//   plain `joinOrCreate("arena", { name })` from any Colyseus client gets the same service.

import type { RegisteredHandler, Room } from "@colyseus/core";
import { overrideRoomInternal } from "../hosting/roomInternals.js";

type ReserveSeat = (
  this: Room, sessionId: string, joinOptions: unknown, authData: unknown, seconds?: number, allowReconnection?: boolean, ...rest: unknown[]
) => Promise<boolean>;

/** What a room decides at reservation time. */
export interface SeatPolicy {
  /** Whether a new seat of the kind these join options ask for is free now. */
  admitsReservation(joinOptions: unknown): boolean;
  /** A seat was reserved for `seconds`: refresh the listing now, and again once it may have expired. */
  seatReserved(seconds: number): Promise<void>;
}

/** A reservation matchmaking made and whose client has not joined yet. */
export interface PendingReservation {
  sessionId: string;
  joinOptions: unknown;
}

interface ReservationTable {
  /** sessionId → [joinOptions, authData, consumed, waitingForReconnection] (Colyseus' Room). */
  _reservedSeats: Record<string, [unknown, unknown, boolean, boolean]>;
  seatReservationTimeout: number;
}

/** Join options of matchmaking requests in flight (the filter below sees them first; the same
 *  object then reaches _reserveSeat for a room of this process). A room of another process
 *  (Redis scale-out) receives a copy: its reservations are then checked at connect time only. */
const matchmaking = new WeakSet<object>();

/** Make `roomClass` decide seats at reservation time (see the top of this file). */
export function decideSeatsAtReservation(roomClass: { prototype: Room & SeatPolicy }): void {
  overrideRoomInternal<ReserveSeat>(roomClass, "_reserveSeat", "server/rooms/seatReservations.ts", (base) => async function (this: Room, sessionId, joinOptions, authData, seconds, allowReconnection, ...rest) {
    const room = this as unknown as SeatPolicy & { seatReservationTimeout: number };
    // The admission check and Colyseus' own bookkeeping run in one synchronous stretch (base
    // records the reservation before its first await), so two concurrent calls cannot both take
    // the last seat.
    const matchmade = typeof joinOptions === "object" && joinOptions !== null && matchmaking.has(joinOptions);
    if (matchmade && !allowReconnection && !room.admitsReservation(joinOptions)) return false;
    const reserved = await base.call(this, sessionId, joinOptions, authData, seconds, allowReconnection, ...rest);
    if (reserved && !allowReconnection) await room.seatReserved(seconds ?? room.seatReservationTimeout);
    return reserved;
  });
}

/** Reservations of `room` still waiting for their client (a client being joined is not listed:
 *  Colyseus hides its entry while onJoin runs, and the room counts it as seated). */
export function pendingReservations(room: Room): PendingReservation[] {
  const table = (room as unknown as ReservationTable)._reservedSeats;
  const pending: PendingReservation[] = [];
  for (const sessionId of Object.keys(table)) {
    const [joinOptions, , , waitingForReconnection] = table[sessionId];
    if (!waitingForReconnection) pending.push({ sessionId, joinOptions });
  }
  return pending;
}

/** Whether join options ask for a spectator seat. */
export function asksToSpectate(joinOptions: unknown): boolean {
  return typeof joinOptions === "object" && joinOptions !== null && (joinOptions as { spectate?: unknown }).spectate === true;
}

/** joinOrCreate / join from anyone but a spectator looks only at rooms with a free player seat. */
export function filterForFreePlayerSeats(handler: RegisteredHandler): void {
  handler.getFilterOptions = (options: unknown) => {
    if (typeof options === "object" && options !== null) matchmaking.add(options);
    return asksToSpectate(options) ? {} : { seats: "open" };
  };
}
