// Server: what a client's bad input costs: one check, one close, one counter, at most one log line.
// Every frame a room receives passes the frame check (frameCheck.ts) and a per-connection flood
// bucket before Colyseus decodes it; the first bad frame or the first frame over the flood limit
// closes that connection only, with a Skirmish close code and a reason.
//
// Overrides of Colyseus 0.18 internals (pinned exactly in package.json), in the style of
// server/rooms/seatReservations.ts: the room's `_onMessage` (each frame of a joined client) and,
// to close a client as Colyseus' own flood limit does, its `_onLeave`.

import { overrideRoomInternal } from "./roomInternals.js";
import { ClientState, type Client, type Room } from "@colyseus/core";
import type { WebSocket } from "ws";
import { CloseCode, CloseReason } from "../../shared/protocol.js";
import { frameViolation, type FrameContext, type FrameRules } from "./frameCheck.js";
import { log, type LogFields } from "./log.js";

/** A closed connection's socket is destroyed after this long if the client does not answer the
 *  close handshake (ws alone waits 30 s): a hostile client cannot hold sockets open. */
const CLOSE_HANDSHAKE_MS = 1000;

/** What a room's frames are checked against (frameGuard). */
export interface FramePolicy {
  rules: FrameRules;
  /** Sustained frames per second a connection may send (pings and inputs count). */
  messagesPerSecond: number;
  /** Frames a connection may send at once beyond the sustained rate: a burst of held frames
   *  after a stall of the network or of this server. */
  burstMessages: number;
}

/** Frames a connection may still send now, refilled at the sustained rate (a token bucket on the
 *  wall clock: a frame held up by a server stall arrives with the stall's refill). */
export class FloodBucket {
  private tokens: number;
  private at: number;

  constructor(private readonly policy: Pick<FramePolicy, "messagesPerSecond" | "burstMessages">, now: number) {
    this.tokens = policy.burstMessages;
    this.at = now;
  }

  /** Spend one frame at `now` (ms); false when the connection is over its limit. */
  take(now: number): boolean {
    const refill = ((now - this.at) / 1000) * this.policy.messagesPerSecond;
    this.tokens = Math.min(this.policy.burstMessages, this.tokens + refill);
    this.at = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

interface GuardedRoom {
  _onLeave(client: Client, code: number): Promise<void>;
  _timelineMode?(): { snapshot?: boolean; reckon?: boolean } | undefined;
}

type OnMessage = (this: Room, client: Client, buffer: Uint8Array) => void;

/** A guarded room's policy, and the frame context reused for every frame it receives. */
interface Guard {
  policy: FramePolicy;
  context: FrameContext;
  /** The stamp layout is read from the room once, at its first frame (it is fixed by then). */
  stampResolved: boolean;
}

const guards = new WeakMap<Room, Guard>();
const buckets = new WeakMap<Client, FloodBucket>();

/** Check every frame sent to `room` against `policy` (call in onCreate; the room class must have
 *  gone through guardRoomFrames). */
export function guardFrames(room: Room, policy: FramePolicy): void {
  guards.set(room, { policy, context: { joining: false, renderDeltaStamp: false }, stampResolved: false });
  // The flood bucket replaces Colyseus' counter, which counts per room-clock second: after a
  // server stall it closes honest clients whose held frames arrive at once.
  room.maxMessagesPerSecond = Infinity;
}

/** Put the frame check and the flood bucket in front of `roomClass`'s message handling. Rooms
 *  call guardFrames in onCreate; `defaultPolicy` covers rooms that do not (a built-in room). */
export function guardRoomFrames(roomClass: { prototype: Room }, defaultPolicy?: FramePolicy): void {
  overrideRoomInternal<OnMessage>(roomClass, "_onMessage", "server/hosting/clientErrors.ts", (base) => function (this: Room, client, buffer) {
    if (client.state === ClientState.LEAVING) return;
    let guard = guards.get(this);
    if (!guard && defaultPolicy) {
      guardFrames(this, defaultPolicy);
      guard = guards.get(this);
    }
    if (!guard) return base.call(this, client, buffer);
    const { policy, context } = guard;
    const now = performance.now();
    let bucket = buckets.get(client);
    if (!bucket) buckets.set(client, (bucket = new FloodBucket(policy, now)));
    if (!bucket.take(now)) {
      kick(this, client, CloseCode.Flood, `${CloseReason.Flood} (${policy.messagesPerSecond}/s)`);
      return;
    }
    if (!guard.stampResolved) {
      const timeline = (this as unknown as GuardedRoom)._timelineMode?.();
      context.renderDeltaStamp = Boolean(timeline?.snapshot && timeline.reckon);
      guard.stampResolved = true;
    }
    context.joining = client.state === ClientState.JOINING;
    const violation = frameViolation(buffer, policy.rules, context);
    if (violation !== undefined) {
      kick(this, client, CloseCode.ProtocolViolation, `${CloseReason.BadFrame}: ${violation}`);
      return;
    }
    base.call(this, client, buffer);
  });
}

/**
 * Close `client` with `code` and `reason` as Colyseus closes a flooding client: the room's leave
 * handling runs first with this code (onDrop sees a kick, so no seat is held for a reconnection,
 * whatever the client answers), then the socket is closed, and destroyed if the client does not
 * answer the close handshake. Later frames of the client are ignored.
 */
export function kick(room: Room, client: Client, code: number, reason: string): void {
  if (client.state === ClientState.LEAVING) return;
  const ws = client.ref as WebSocket & { onleave?: (...args: unknown[]) => void };
  if (ws.onleave) ws.removeListener("close", ws.onleave);
  kickReasons.set(client, reason);
  void (room as unknown as GuardedRoom)._onLeave(client, code).then(() => {
    if (client.ref !== ws) return;
    client.leave(code, reason);
    setTimeout(() => ws.terminate(), CLOSE_HANDSHAKE_MS).unref();
  });
}

const kickReasons = new WeakMap<Client, string>();

/** The reason a kicked client was given (for the one log line of its close). */
export function kickReason(client: Client): string | undefined {
  return kickReasons.get(client);
}

/** ws error codes of a client's broken frames, with the close code ws closes the connection with. */
const SOCKET_ERROR_CLOSE: Readonly<Record<string, number>> = {
  WS_ERR_UNSUPPORTED_MESSAGE_LENGTH: 1009,
  WS_ERR_INVALID_UTF8: 1007,
};
/** Any other WS_ERR_* (bad opcode, reserved bits, masking, control frame rules…) is a 1002. */
const PROTOCOL_ERROR_CLOSE = 1002;

const socketErrors = new WeakMap<object, number>();

/**
 * WebSocket-level errors of a client (a frame over the payload limit, a broken frame, bad UTF-8):
 * ws sends the matching close code (1009, 1002, 1007) but, having stopped reading, sees only
 * 1006 when the socket ends, and Colyseus logs each error with its stack. Instead: no log, the
 * code is remembered for the room's onDrop (closeCodeOf), and the socket is destroyed shortly.
 * Call after Colyseus' connection listener has run.
 */
export function quietSocketErrors(ws: WebSocket): void {
  ws.removeAllListeners("error");
  ws.on("error", (error: Error & { code?: string }) => {
    const code = error.code ?? "";
    if (!code.startsWith("WS_ERR_")) return; // a network error: the close that follows says it
    socketErrors.set(ws, SOCKET_ERROR_CLOSE[code] ?? PROTOCOL_ERROR_CLOSE);
    setTimeout(() => ws.terminate(), CLOSE_HANDSHAKE_MS).unref();
  });
}

/** The close code to judge a dropped client by: its WebSocket-level error if it had one. */
export function closeCodeOf(client: Client, code: number | undefined): number | undefined {
  return socketErrors.get(client.ref as object) ?? code;
}

/** Lines a KickLog writes per second before it only counts. */
export const KICK_LOG_LINES_PER_SECOND = 5;
/** Period of the summary line under attack, ms. */
export const KICK_LOG_SUMMARY_MS = 10_000;

/**
 * One line per closed connection, bounded: past KICK_LOG_LINES_PER_SECOND lines in a second,
 * kicks are only counted, and a summary line every KICK_LOG_SUMMARY_MS says how many there were.
 */
export class KickLog {
  private second = 0;
  private linesThisSecond = 0;
  private suppressed = 0;
  private suppressedByReason = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  report(fields: LogFields & { reason: string }): void {
    const second = Math.floor(this.now() / 1000);
    if (second !== this.second) {
      this.second = second;
      this.linesThisSecond = 0;
    }
    if (this.linesThisSecond < KICK_LOG_LINES_PER_SECOND) {
      this.linesThisSecond++;
      log.warn("kick", fields);
      return;
    }
    this.suppressed++;
    this.suppressedByReason.set(fields.reason, (this.suppressedByReason.get(fields.reason) ?? 0) + 1);
    this.timer ??= setTimeout(() => this.summarize(), KICK_LOG_SUMMARY_MS).unref();
  }

  /** Write the summary of kicks not logged one by one (if any). */
  summarize(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.suppressed === 0) return;
    log.warn("kicks not logged one by one", {
      count: this.suppressed, seconds: KICK_LOG_SUMMARY_MS / 1000, byReason: Object.fromEntries(this.suppressedByReason),
    });
    this.suppressed = 0;
    this.suppressedByReason = new Map();
  }
}
