// Server: human-friendly room codes (the room id), unique among the rooms matchmaking knows.

import { matchMaker } from "@colyseus/core";
import { ROOM_CODE_ALPHABET, ROOM_CODE_LENGTH } from "../../shared/text.js";
import { randomInt } from "node:crypto";

export function randomRoomCode(): string {
  let code = "";
  for (let i = 0; i < ROOM_CODE_LENGTH; i++) code += ROOM_CODE_ALPHABET[randomInt(ROOM_CODE_ALPHABET.length)];
  return code;
}

/** A code no live room uses (across processes when the driver is shared). 27^5 ≈ 14 M codes:
 *  a clash is rare, and a few retries make it vanishingly so. */
export async function uniqueRoomCode(): Promise<string> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const code = randomRoomCode();
    const taken = await matchMaker.query({ roomId: code });
    if (taken.length === 0) return code;
  }
  throw new Error("could not find a free room code");
}
