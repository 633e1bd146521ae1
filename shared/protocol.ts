// Both sides: the wire contract besides state: room name, message types, codes.

/** The room name bots and third-party clients join. */
export const ROOM_NAME = "arena";
/** Colyseus' built-in lobby room, listing open public arenas live. */
export const LOBBY_ROOM_NAME = "lobby";

/** Client → server messages. */
export const ClientMessage = {
  /** Say something in the room chat: `{ text }`. */
  Chat: "chat",
  /** A spectator asks for a free player seat: no payload. */
  TakeSeat: "takeSeat",
  /** The room's owner adds a bot: no payload. */
  AddBot: "addBot",
  /** The room's owner removes a bot: no payload. */
  RemoveBot: "removeBot",
  /** The room's owner sets the bots' difficulty: `{ difficulty }` ("easy" | "normal" | "hard"). */
  BotDifficulty: "botDifficulty",
} as const;
export type ClientMessage = (typeof ClientMessage)[keyof typeof ClientMessage];

/** Server → client messages. */
export const ServerMessage = {
  /** A blaster shot was resolved: tracer and hit feedback for everyone. */
  Shot: "shot",
  /** A player fragged another. */
  Frag: "frag",
  /** A chat line (from a player, a spectator, or the room itself). */
  Chat: "chat",
  /** A note for one client only (e.g. "slow down", "no free seat"). */
  Notice: "notice",
} as const;
export type ServerMessage = (typeof ServerMessage)[keyof typeof ServerMessage];

/** Every close code a Skirmish connection can end with, in one table (server kicks, hosting and
 *  the client's messages read it). 4000–4999 are application codes in WebSocket; Colyseus
 *  reserves a few of them (4000 consented leave, 4001 server shutdown, 4002 invalid payload or
 *  flood, 4003 reconnect failure, 4010 may try to reconnect); Skirmish's own start at 4100. */
export const CloseCode = {
  /** WebSocket "internal error": the room hit a server error and was closed. */
  RoomError: 1011,
  /** Colyseus: the process is restarting (drain); join again. */
  ServerShutdown: 4001,
  /** Colyseus: a message failed validation, or the client sent too many. */
  InvalidPayload: 4002,
  /** Skirmish: the client broke a protocol rule (unknown message type, malformed frame). */
  ProtocolViolation: 4100,
  /** WebSocket: a frame over the server's payload limit. */
  MessageTooBig: 1009,
  /** Skirmish: the client kept sending inputs faster than real time (speed hack). */
  InputOverrun: 4101,
  /** Skirmish: the client sent more frames than its flood limit allows. */
  Flood: 4102,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Close reasons the server gives with those codes (a WebSocket close reason holds at most 123 bytes). */
export const CloseReason = {
  Restarting: "server restarting: join again in a moment",
  RoomError: "this game hit a server error and was closed: join again",
  InputOverrun: "inputs sent faster than real time",
  /** Followed by ": " and what was wrong with the frame. */
  BadFrame: "malformed frame",
  /** Followed by the limit. */
  Flood: "too many messages",
} as const;

/** Join / matchmaking error codes (the `code` of the SDK's error). */
export const JoinError = {
  /** Options failed validation (bad name, unknown key…). */
  BadOptions: 4400,
  /** All player seats are taken: join with `{ spectate: true }` to watch. */
  PlayersFull: 4409,
  /** All spectator seats are taken too. */
  RoomFull: 4410,
  /** The client is another build of the game (its `version` join option differs): reload. HTTP's
   *  426 Upgrade Required, as the refusal may come as the matchmaking call's status. */
  OtherBuild: 426,
} as const;

/** What a client of another build is told when it joins. */
export const OTHER_BUILD_MESSAGE = "the server was updated: reload the page";

export type MatchPhase = "waiting" | "countdown" | "playing" | "results";

/** What a room publishes in the lobby's room list (its matchmaking metadata). */
export interface RoomListing {
  /** "open" while a player seat is free (quick play only picks these), else "full". */
  seats: "open" | "full";
  /** Seated players, bots included. */
  players: number;
  /** Of them, bots (each gives its seat to a person who joins). */
  bots: number;
  maxPlayers: number;
  spectators: number;
  phase: MatchPhase;
}

export interface ShotEvent {
  /** Shooter session id. */
  by: string;
  /** Tracer start and end, px (end is the wall or the body that stopped it). */
  ox: number;
  oy: number;
  ex: number;
  ey: number;
  /** Session id of the player hit, or "" for a miss. */
  hit: string;
  /** Server tick the shot was resolved on. */
  tick: number;
}

export interface FragEvent {
  killer: string;
  victim: string;
}

export interface ChatLine {
  /** "player" and "spectator" lines carry who said it; "system" lines are the room's notices
   *  (joins, leaves, match start and end). */
  kind: "player" | "spectator" | "system";
  /** Session id of the speaker ("" for system lines). */
  from: string;
  name: string;
  text: string;
}

export interface NoticeEvent {
  text: string;
}
