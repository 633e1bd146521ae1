// Both sides: the synced state and the input frame (the wire contract; data only).

import { schema, t, type SchemaType } from "@colyseus/schema";
import { WIRE_POS_RANGE, WIRE_VEL_RANGE } from "./sim/fixed.js";

/**
 * One input frame, sent once per fixed step. Flat primitives only (netcode requirement).
 * Axes are 8-bit quantized so touch sticks can be analog; the server clamps every field.
 */
export const PlayerInput = schema({
  moveX: t.quantized({ min: -1, max: 1, bits: 8 }),
  moveY: t.quantized({ min: -1, max: 1, bits: 8 }),
  /** Aim direction, radians (16-bit, ~0.0055° per step). */
  aim: t.angle(),
  fire: t.boolean(),
  /** How far past its newest update the shooter's view of the other players ran when this
   *  frame was drawn, ms (0: interpolated; > 0: extrapolated from their velocity for at most
   *  EXTRAPOLATE_MAX_MS, then held). The server rewinds a shot to the same picture. */
  lead: t.uint16(),
  /** The rest of a shot's stamp (shared/sim/glide.ts ShotStamp): the newest update's server time
   *  and the corrections still gliding out on the shooter's screen, so the server redraws the
   *  same picture from its own history. Written on frames that fire (read on the step that fires);
   *  left as they were otherwise, so they cost no bytes. */
  newest: t.uint16(),
  glide0From: t.uint16(), glide0To: t.uint16(), glide0At: t.uint16(), glide0Age: t.uint16(),
  glide1From: t.uint16(), glide1To: t.uint16(), glide1At: t.uint16(), glide1Age: t.uint16(),
  glide2From: t.uint16(), glide2To: t.uint16(), glide2At: t.uint16(), glide2Age: t.uint16(),
  glide3From: t.uint16(), glide3To: t.uint16(), glide3At: t.uint16(), glide3Age: t.uint16(),
}, "PlayerInput");
export type PlayerInput = SchemaType<typeof PlayerInput>;

// Wrap mode over a power-of-two range makes the 16-bit wire step exactly 1/32 px, the grid the
// step snaps to (see sim/fixed.ts): the wire is lossless for simulated values. The arena is
// smaller than the range, so nothing ever wraps.
const position = () => t.quantized({ min: 0, max: WIRE_POS_RANGE, mode: "wrap" }).default(0);
const velocity = () => t.quantized({ min: -WIRE_VEL_RANGE / 2, max: WIRE_VEL_RANGE / 2, mode: "wrap" }).default(0);

export const Player = schema({
  x: position(),
  y: position(),
  vx: velocity(),
  vy: velocity(),
  /** Facing, radians: drawn on remote players. */
  aim: t.angle({ bits: 8 }).default(0),
  cooldown: t.uint8().default(0),
  alive: t.boolean().default(true),
  health: t.uint8().default(0),
  /** Ticks of spawn protection left: the rules count it down every tick (shared/game). Kept on
   *  the server only, never sent: a countdown on the wire would cost a patch to the whole room on
   *  every tick of every spawn's protection. */
  shield: t.uint8().default(0).noSync(),
  /** Spawn protection on (invulnerable, drawn translucent): sent when it starts and when it ends
   *  (the room sets it from `shield`). */
  shielded: t.boolean().default(false),
  frags: t.uint16().default(0),
  deaths: t.uint16().default(0),
  name: t.string().default(""),
  /** Index into the client's palette. */
  color: t.uint8().default(0),
  /** False while the player's connection is down and their seat is held for them. */
  connected: t.boolean().default(true),
  /** A bot the server plays (shown with a bot tag; recorded as a bot). */
  bot: t.boolean().default(false),
  /** A person's seat played by a bot while their connection is down ("(bot)" beside the name). */
  standIn: t.boolean().default(false),
}, "Player");
export type Player = SchemaType<typeof Player>;

export const ArenaState = schema({
  players: t.map(Player),
  /** Match phase: "waiting" | "countdown" | "playing" | "results". */
  phase: t.string().default("waiting"),
  /** When the current phase ends, room clock ms (compare with the client's serverNow()); 0 = open-ended. */
  phaseEndsAt: t.uint32().default(0),
  /** Matches started in this room so far. */
  match: t.uint16().default(0),
  /** Frags that end the match early. */
  fragLimit: t.uint16().default(0),
  /** Spectators watching (they have no Player). */
  spectators: t.uint8().default(0),
  /** Session id of the last match's winner ("" before the first results, or a draw). */
  winner: t.string().default(""),
  /** How long this server holds a dropped player's seat, s (hosts configure it). */
  reconnectSeconds: t.uint16().default(0),
  /** Session id of the person who may add and remove bots (the room's creator; "" once they left). */
  owner: t.string().default(""),
  /** Difficulty of this room's bots: "easy" | "normal" | "hard". */
  botDifficulty: t.string().default("normal"),
}, "ArenaState");
export type ArenaState = SchemaType<typeof ArenaState>;
