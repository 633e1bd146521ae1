// Client (browser and bots): how a session enters an arena: join modes → SDK calls and options,
// and join failures in words a person can act on. Renderer-free.

import type { Client, Room } from "@colyseus/sdk";
import { JoinError, ROOM_NAME } from "../../shared/protocol.js";
import { WIRE_VERSION } from "../../shared/wireVersion.js";
import { ArenaState } from "../../shared/schema.js";
import type { LinkProfile } from "./linkSim.js";

/** How to enter an arena. Without `create` or `roomId` it is quick play: an open public room
 *  with a free player seat, or a new one. */
export interface JoinRequest {
  name?: string;
  /** Only honoured when the room is created (netcode experiments). */
  lagCompensation?: boolean;
  /** Only honoured when the room is created: hits deal no damage (netcode experiments). */
  damage?: boolean;
  /** Always create a fresh room instead of joining an open one. */
  create?: boolean;
  /** With `create`: a private room, joinable only by its code (never listed, never quick play). */
  private?: boolean;
  /** With `create`: match length, s (5–1800), and frags that end a match early (1–100). */
  matchSeconds?: number;
  fragLimit?: number;
  /** With `create`: server bots in the room (0–7) and how well they play. */
  bots?: number;
  botDifficulty?: "easy" | "normal" | "hard";
  /** Join this room (by id / code, exactly as the server spells it) instead of matchmaking. */
  roomId?: string;
  /** With `roomId`: watch instead of taking a player seat. */
  spectate?: boolean;
  /** Put a simulated network link between this client and the server. */
  link?: LinkProfile;
  /** Seed of the link simulator's randomness (reproducible runs). */
  linkSeed?: number;
  /** A random key this player keeps (the browser's localStorage): match records recognise the
   *  player by it across matches. Never shown. */
  playerKey?: string;
  /** This client is a bot (match records say so). */
  bot?: boolean;
}

/** The SDK options a request sends (the server refuses unknown keys, so only set ones), with the
 *  wire version of this build (a server of another build refuses it: reload). */
export function joinOptionsOf(request: JoinRequest): Record<string, unknown> {
  const options: Record<string, unknown> = { version: WIRE_VERSION };
  if (request.name !== undefined) options.name = request.name;
  if (request.lagCompensation !== undefined) options.lagCompensation = request.lagCompensation;
  if (request.damage !== undefined) options.damage = request.damage;
  if (request.playerKey !== undefined) options.playerKey = request.playerKey;
  if (request.bot) options.bot = true;
  if (request.roomId !== undefined) {
    if (request.spectate) options.spectate = true;
  } else if (request.create) {
    if (request.private) options.private = true;
    if (request.matchSeconds !== undefined) options.matchSeconds = request.matchSeconds;
    if (request.fragLimit !== undefined) options.fragLimit = request.fragLimit;
    if (request.bots !== undefined) options.bots = request.bots;
    if (request.botDifficulty !== undefined) options.botDifficulty = request.botDifficulty;
  }
  return options;
}

/** Join or create the arena room `request` asks for. Throws the SDK's error (see explainJoinError). */
export function enterRoom(client: Client, request: JoinRequest): Promise<Room<ArenaState>> {
  const options = joinOptionsOf(request);
  if (request.roomId !== undefined) return client.joinById<ArenaState>(request.roomId, options, ArenaState);
  if (request.create) return client.create<ArenaState>(ROOM_NAME, options, ArenaState);
  // Quick play is a plain joinOrCreate: the server only offers rooms with a free player seat
  // (seats being reserved count as taken), so no retry is needed.
  return client.joinOrCreate<ArenaState>(ROOM_NAME, options, ArenaState);
}

export type JoinFailureKind =
  | "no-room" | "players-full" | "room-full" | "bad-options" | "busy" | "unreachable" | "other-build" | "other";

export interface JoinFailure {
  kind: JoinFailureKind;
  /** For people: what happened and, where there is one, what to do. */
  message: string;
}

/** Colyseus' matchmaker code for an unknown, disposed or locked room id (ErrorCode.MATCHMAKE_INVALID_ROOM_ID). */
const INVALID_ROOM_ID = 522;

/** A join failure (an SDK MatchMakeError / ServerError, or a network error) explained. `code` is the
 *  room code the person asked for, if any; `server`, the address tried (said when unreachable). */
export function explainJoinError(error: unknown, code?: string, server?: string): JoinFailure {
  const e = error as { code?: unknown; message?: unknown; cause?: { code?: unknown } } | null;
  const status = typeof e?.code === "number" ? e.code : undefined;
  const text = typeof e?.message === "string" ? e.message : typeof error === "string" ? error : "";
  const room = code ? `room ${code}` : "that room";
  if (status === INVALID_ROOM_ID) {
    if (/locked/i.test(text)) return { kind: "room-full", message: `The ${room} is full.` };
    return { kind: "no-room", message: code ? `No room with code ${code}.` : "That room does not exist (any more)." };
  }
  if (status === JoinError.PlayersFull) {
    return { kind: "players-full", message: `All player seats in ${room} are taken.` };
  }
  if (status === JoinError.RoomFull) {
    return { kind: "room-full", message: `The ${room} is full: no player or spectator seat is free.` };
  }
  if (status === JoinError.OtherBuild) {
    return { kind: "other-build", message: "The server was updated: reload the page to get the new version of the game." };
  }
  if (status === JoinError.BadOptions || status === 400) {
    // "invalid join options: name: name must…" → "Name must…"
    const detail = text.replace(/^invalid (join|room) options: /, "").replace(/^(\w+): (?=\1\b)/, "");
    return { kind: "bad-options", message: capitalise(detail) || "The server refused the request." };
  }
  if (status === 429 || status === 503) {
    return { kind: "busy", message: capitalise(text) || "The server is busy: try again in a moment." };
  }
  const network = typeof e?.code === "string" || typeof e?.cause?.code === "string" || /fetch|network|ECONNREFUSED/i.test(text);
  if (network || text === "") {
    // fetch hides the reason (ECONNREFUSED, ENOTFOUND…) in `cause`.
    const reason = typeof e?.cause?.code === "string" ? e.cause.code : typeof e?.code === "string" && e.code !== "" ? e.code : undefined;
    const where = server ? ` at ${server}` : "";
    return { kind: "unreachable", message: `Cannot reach the game server${where}${reason ? ` (${reason})` : ""}. Is it running? Check your connection and try again.` };
  }
  return { kind: "other", message: capitalise(text) };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
