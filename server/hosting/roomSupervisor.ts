// Server: what hosting needs from every room, in one place the room calls: configured limits,
// tick timing, drops and reconnection windows, crash isolation and the shutdown drain.

import { ServerError, type Client, type Room } from "@colyseus/core";
import { tickTimings, type TickTimings } from "../../shared/constants.js";
import { CloseCode, CloseReason, ServerMessage, type NoticeEvent } from "../../shared/protocol.js";
import { closeCodeOf, kickReason, KickLog } from "./clientErrors.js";
import { log } from "./log.js";
import type { GameMetrics, KickReason } from "./metrics.js";

/** Close codes a client did not choose and may come back from: lost network, dead peer, and
 *  the SDK's own 4010 (MAY_TRY_RECONNECT: the browser went offline). */
const RECONNECTABLE_CODES: ReadonlySet<number> = new Set([1001, 1005, 1006, 4010]);

/** Close codes of clients the server kicked for what they sent. */
const KICKS: ReadonlyMap<number, KickReason> = new Map([
  [CloseCode.InvalidPayload, "invalid_or_flood"], // Colyseus: a message failed its validator
  [CloseCode.ProtocolViolation, "protocol_violation"], // Skirmish: malformed frame (clientErrors.ts)
  [CloseCode.InputOverrun, "input_overrun"],
  [CloseCode.Flood, "flood"],
  [CloseCode.MessageTooBig, "oversize_frame"], // ws: frame over the transport's maxPayload
  [1002, "bad_websocket_frame"], // ws: broken WebSocket framing
  [1007, "bad_websocket_frame"], // ws: text frame that is not UTF-8
]);

/** Room callbacks whose errors Colyseus already answers (join refused, leave completed). */
const HANDLED_BY_FRAMEWORK: ReadonlySet<string> = new Set(["onCreate", "onAuth", "onJoin", "onLeave", "onDrop", "onReconnect", "onDispose"]);

/** The per-room numbers that follow from the configuration. */
export interface RoomSettings {
  /** Everything derived from the configured tick rate (shared/constants.ts tickTimings). */
  timings: TickTimings;
  maxClientsPerRoom: number;
  maxRoomsPerProcess: number;
  reconnectionSeconds: number;
  /** Public rooms are topped up with bots to this many players while a person plays (0 = off). */
  quickPlayMinPlayers: number;
  /** A bot plays a dropped person's seat during their reconnection window. */
  botTakeover: boolean;
}

export function roomSettings(config: {
  tickRate: number; maxClientsPerRoom: number; maxRoomsPerProcess: number; reconnectionSeconds: number;
  quickPlayMinPlayers: number; botTakeover: boolean;
}): RoomSettings {
  return {
    timings: tickTimings(config.tickRate),
    maxClientsPerRoom: config.maxClientsPerRoom,
    maxRoomsPerProcess: config.maxRoomsPerProcess,
    reconnectionSeconds: config.reconnectionSeconds,
    quickPlayMinPlayers: config.quickPlayMinPlayers,
    botTakeover: config.botTakeover,
  };
}

/** A room may report its own phase (lobby, countdown, playing, results…) for the metrics. */
interface PhasedRoom {
  matchPhase?(): string;
}

export class RoomSupervisor {
  readonly settings: RoomSettings;
  private readonly rooms = new Set<Room>();
  /** Rooms being closed (shutdown or failure): no reconnection windows, phase "closing". */
  private readonly closing = new Set<Room>();
  private readonly shutdownTimers = new Map<Room, NodeJS.Timeout>();
  /** Epoch ms at which draining rooms are closed; undefined while serving. */
  private drainCloseAt: number | undefined;
  private metrics: GameMetrics | undefined;
  /** One line per kicked client, bounded under attack. */
  private readonly kickLog = new KickLog();

  constructor(settings: RoomSettings) {
    this.settings = settings;
  }

  attachMetrics(metrics: GameMetrics): void {
    this.metrics = metrics;
  }

  // --- called by the app (room handler events) ---

  roomOpened(room: Room): void {
    this.rooms.add(room);
  }

  roomClosed(room: Room): void {
    this.rooms.delete(room);
    this.closing.delete(room);
    clearTimeout(this.shutdownTimers.get(room));
    this.shutdownTimers.delete(room);
  }

  clientJoined(): void {
    this.metrics?.joins.inc();
  }

  /** A seat was given up for good (left, or the reconnection window ended). */
  clientLeft(room: Room): void {
    // While draining, a room whose last player is gone has nothing left to finish.
    if (this.draining && room.clients.length === 0) this.closeRoom(room, CloseCode.ServerShutdown, CloseReason.Restarting);
  }

  /** Players connected to rooms of this process. */
  clientCount(): number {
    let n = 0;
    for (const room of this.rooms) n += room.clients.length;
    return n;
  }

  roomsByPhase(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const room of this.rooms) {
      const phase = this.closing.has(room)
        ? "closing"
        : (room as PhasedRoom).matchPhase?.() ?? (room.clients.length >= 2 ? "playing" : "waiting");
      counts.set(phase, (counts.get(phase) ?? 0) + 1);
    }
    return counts;
  }

  /** Start draining: rooms still playing are closed at `closeAt` (epoch ms). */
  beginDrain(closeAt: number): void {
    this.drainCloseAt = closeAt;
  }

  get draining(): boolean {
    return this.drainCloseAt !== undefined;
  }

  // --- called by rooms ---

  /** In onCreate: refuse a room this process must not open (full, or draining). */
  admitRoom(): void {
    if (this.draining) throw new ServerError(503, CloseReason.Restarting);
    if (this.rooms.size >= this.settings.maxRoomsPerProcess) {
      throw new ServerError(503, `this server is full (${this.settings.maxRoomsPerProcess} rooms): try again later`);
    }
  }

  /** Wrap a room's fixed step to record its duration. */
  timedStep(step: () => void): () => void {
    return this.metrics ? this.metrics.timed(step) : step;
  }

  /** Inputs a room dropped this tick for going over a player's real-time budget (called only when > 0). */
  inputsDropped(count: number): void {
    this.metrics?.droppedInputs.inc(count);
  }

  /** In onDrop: count, log, and hold the seat for a reconnect when the client may come back.
   *  True when the seat is held. */
  clientDropped(room: Room, client: Client, closeCode: number | undefined): boolean {
    const code = closeCodeOf(client, closeCode);
    const kick = code === undefined ? undefined : KICKS.get(code);
    if (kick) {
      this.metrics?.rejectedMessages.inc({ reason: kick });
      this.kickLog.report({ room: room.roomId, client: client.sessionId, code, reason: kick, detail: kickReason(client) });
      return false;
    }
    const seconds = this.settings.reconnectionSeconds;
    const reconnectable = code !== undefined && RECONNECTABLE_CODES.has(code) && seconds > 0 && !this.closing.has(room);
    if (code !== undefined && RECONNECTABLE_CODES.has(code)) this.metrics?.drops.inc();
    log.info("player dropped", { room: room.roomId, client: client.sessionId, code, holdSeconds: reconnectable ? seconds : 0 });
    if (!reconnectable) return false;
    // Not awaited: a server-initiated close (a kick) completes only once onDrop has returned, so
    // awaiting the window here would hold every kick for the whole window. A refused or expired
    // window is not an error.
    Promise.resolve(room.allowReconnection(client, seconds)).catch(() => undefined);
    return true;
  }

  /** In onReconnect. */
  clientReconnected(room: Room, client: Client): void {
    this.metrics?.reconnections.inc();
    log.info("player reconnected", { room: room.roomId, client: client.sessionId });
  }

  /** In onBeforeShutdown: close now, or when the drain deadline comes if players are still in. */
  roomShuttingDown(room: Room): void {
    if (this.drainCloseAt === undefined || room.clients.length === 0) {
      this.closeRoom(room, CloseCode.ServerShutdown, CloseReason.Restarting);
      return;
    }
    const wait = Math.max(0, this.drainCloseAt - Date.now());
    log.info("room draining", { room: room.roomId, players: room.clients.length, closesInMs: Math.round(wait) });
    const notice: NoticeEvent = { text: `The server is restarting: this game ends in ${Math.ceil(wait / 1000)} s. Join again in a moment.` };
    room.broadcast(ServerMessage.Notice, notice);
    this.shutdownTimers.set(room, setTimeout(() => this.closeRoom(room, CloseCode.ServerShutdown, CloseReason.Restarting), wait));
  }

  /**
   * In onUncaughtException: log with the stack; when the error came from the room's own running
   * code (tick, message handler, timer), close that room and tell its players. The process and
   * its other rooms carry on.
   */
  roomFailed(room: Room, error: Error, method: string): void {
    this.metrics?.roomErrors.inc({ method });
    const cause = error.cause instanceof Error ? error.cause : error;
    if (HANDLED_BY_FRAMEWORK.has(method)) {
      // Colyseus answers these (join refused, leave completed) and the room runs on. A ServerError
      // is thrown on purpose (bad options, full server); anything else is a bug worth its stack.
      if (cause instanceof ServerError) log.debug("room callback refused", { room: room.roomId, method, error: cause.message });
      else log.warn("room callback threw", { room: room.roomId, method, error: cause });
      return;
    }
    log.error("room error: closing the room", { room: room.roomId, method, players: room.clients.length, error: cause });
    this.closeRoom(room, CloseCode.RoomError, CloseReason.RoomError);
  }

  private closeRoom(room: Room, code: number, reason: string): void {
    if (this.closing.has(room)) return;
    this.closing.add(room);
    // The reason travels in the close frame; disconnect() then disposes the room.
    for (const client of [...room.clients]) client.leave(code, reason);
    try {
      room.disconnect(code).catch((error: unknown) => log.error("room disconnect failed", { room: room.roomId, error }));
    } catch (error) {
      log.error("room disconnect failed", { room: room.roomId, error });
    }
  }
}

