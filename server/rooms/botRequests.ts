// Server: the room owner's bot controls (Add bot, Remove bot, the bots' difficulty): who may use
// them and what a refusal says. A refused request changes nothing.

import { isBotDifficulty, BOT_DIFFICULTIES } from "../../shared/bots/BotBrain.js";
import { ClientMessage } from "../../shared/protocol.js";
import type { RoomBots } from "../game/RoomBots.js";

export type BotRequestKind = typeof ClientMessage.AddBot | typeof ClientMessage.RemoveBot | typeof ClientMessage.BotDifficulty;

export const BOT_REQUESTS: readonly BotRequestKind[] = [ClientMessage.AddBot, ClientMessage.RemoveBot, ClientMessage.BotDifficulty];

/** What came of a request: a notice for the sender alone, or a line for the room's chat. */
export type BotRequestOutcome = { refused: string } | { done: string };

/** Apply `kind` from `from` to `bots` when `from` is the room's owner. */
export function applyBotRequest(bots: RoomBots, owner: string, from: string, kind: BotRequestKind, payload: unknown): BotRequestOutcome {
  if (from === "" || from !== owner) return { refused: "only the player who created this room can change its bots" };
  if (kind === ClientMessage.BotDifficulty) {
    const difficulty = (payload as { difficulty?: unknown } | null)?.difficulty;
    if (!isBotDifficulty(difficulty)) {
      return { refused: `bot difficulty must be one of ${BOT_DIFFICULTIES.join(", ")} (got ${JSON.stringify(difficulty ?? null)})` };
    }
    bots.setDifficulty(difficulty);
    return { done: `Bots now play ${difficulty}` };
  }
  const refusal = bots.request(kind === ClientMessage.AddBot ? 1 : -1);
  if (refusal === "room_full") return { refused: "no free seat for a bot: the room is full" };
  if (refusal === "no_bots") return { refused: "there is no bot to remove" };
  return { done: "" };
}
