// Both sides: the wire contract besides state: room name, message types, close codes.

/** The room name bots and third-party clients join. */
export const ROOM_NAME = "arena";

/** Server → client messages. */
export const ServerMessage = {
  /** A blaster shot was resolved: tracer and hit feedback for everyone. */
  Shot: "shot",
  /** A player fragged another. */
  Frag: "frag",
} as const;
export type ServerMessage = (typeof ServerMessage)[keyof typeof ServerMessage];

/** Close codes (4000–4999 are application codes in WebSocket). Colyseus reserves a few of
 *  them (4000 consented leave, 4001 server shutdown, 4002 invalid payload, 4003 reconnect
 *  failure); Skirmish's own start at 4100. */
export const CloseCode = {
  /** Colyseus: a message failed validation. */
  InvalidPayload: 4002,
  /** Skirmish: the client broke a protocol rule (unknown message type, malformed frame). */
  ProtocolViolation: 4100,
  /** Skirmish: the client sent more messages per second than allowed. */
  Flood: 4101,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

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
