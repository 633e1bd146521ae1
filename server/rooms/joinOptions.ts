// Server: validation of what a client may pass when it creates or joins an arena.

import { ServerError } from "@colyseus/core";
import { z } from "zod";
import { BOT_DIFFICULTIES } from "../../shared/bots/BotBrain.js";
import { JoinError, OTHER_BUILD_MESSAGE } from "../../shared/protocol.js";
import { checkName } from "../../shared/text.js";
import { WIRE_VERSION } from "../../shared/wireVersion.js";
import { MAX_ROOM_BOTS } from "../game/RoomBots.js";

/** Printable name, 1–16 visible characters, no control characters (shared/text.ts). */
export const PlayerName = z.string().transform((raw, ctx) => {
  const checked = checkName(raw);
  if (!checked.ok) {
    ctx.addIssue({ code: "custom", message: checked.error });
    return z.NEVER;
  }
  return checked.value;
});

/** Options of `joinOrCreate` / `create` / `join` / `joinById` (Colyseus hands the same object
 *  to onCreate and onJoin). Unknown keys are refused, so a typo is reported, not ignored. */
export const ArenaOptions = z.object({
  name: PlayerName.optional(),
  /** Join as a spectator: no player, sees the match. */
  spectate: z.boolean().optional(),
  /** Quick play's filter: only rooms with a free player seat (see RoomListing.seats). */
  seats: z.literal("open").optional(),
  /** On create: a private room, hidden from quick play and the room list, joinable by code. */
  private: z.boolean().optional(),
  /** On create: match length, s. */
  matchSeconds: z.number().int().min(5).max(1800).optional(),
  /** On create: frags that end a match early. */
  fragLimit: z.number().int().min(1).max(100).optional(),
  /** On create: server-side lag compensation (default on). Off only for netcode experiments:
   *  the bots' hit-registration control run. */
  lagCompensation: z.boolean().optional(),
  /** On create: whether hits deal damage (default on). Off only for netcode experiments: the
   *  hit-registration scenario counts hits on a target that must not die. */
  damage: z.boolean().optional(),
  /** The browser's random key, so match records recognise a player across matches (never shown). */
  playerKey: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, "must be 16–64 letters, digits, _ or -").optional(),
  /** The client is a bot (match records say so). */
  bot: z.boolean().optional(),
  /** On create: this many server bots play in the room (quick play's top-up is then off). */
  bots: z.number({ error: `must be a whole number from 0 to ${MAX_ROOM_BOTS}` })
    .int(`must be a whole number from 0 to ${MAX_ROOM_BOTS}`)
    .min(0, `must be a whole number from 0 to ${MAX_ROOM_BOTS}`)
    .max(MAX_ROOM_BOTS, `must be a whole number from 0 to ${MAX_ROOM_BOTS}`).optional(),
  /** On create: how well the room's bots play. */
  botDifficulty: z.enum(BOT_DIFFICULTIES as [string, ...string[]], { error: `must be one of ${BOT_DIFFICULTIES.join(", ")}` }).optional(),
  /** The wire version the client was built with (shared/wireVersion.ts); absent: not checked. */
  version: z.string().max(64).optional(),
}).strict();
export type ArenaOptions = z.infer<typeof ArenaOptions>;

/** Parse or throw an Error whose message says what was wrong, field by field. */
export function parseOrExplain<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const details = result.error.issues
    .map((i) => (i.path.length ? `${i.path.join(".")}: ` : "") + i.message)
    .join("; ");
  throw new Error(`invalid ${what}: ${details}`);
}

/** Refuse a client of another build: one that sends a `version` other than this server's. A
 *  client that sends none (any plain Colyseus client) is served. */
export function refuseOtherBuild(rawOptions: unknown): void {
  const version = typeof rawOptions === "object" && rawOptions !== null ? (rawOptions as { version?: unknown }).version : undefined;
  if (version !== undefined && version !== WIRE_VERSION) throw new ServerError(JoinError.OtherBuild, OTHER_BUILD_MESSAGE);
}
