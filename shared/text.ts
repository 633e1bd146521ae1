// Both sides: what counts as a valid player name and chat line (the client checks before
// sending; the server decides).

import { CHAT_MAX_CHARS, NAME_MAX_CHARS } from "./constants.js";

export type TextCheck = { ok: true; value: string } | { ok: false; error: string };

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/;

/** Visible characters (grapheme-ish: code points, so an emoji counts as one or two). */
function visibleLength(s: string): number {
  return [...s].length;
}

export function checkName(raw: unknown): TextCheck {
  if (typeof raw !== "string") return { ok: false, error: "name must be text" };
  const value = raw.trim().replace(/\s+/g, " ");
  if (CONTROL.test(value)) return { ok: false, error: "name must not contain control characters" };
  const n = visibleLength(value);
  if (n < 1) return { ok: false, error: "name must have at least 1 visible character" };
  if (n > NAME_MAX_CHARS) return { ok: false, error: `name must be at most ${NAME_MAX_CHARS} characters` };
  return { ok: true, value };
}

export function checkChat(raw: unknown): TextCheck {
  if (typeof raw !== "string") return { ok: false, error: "chat message must be text" };
  const value = raw.trim();
  if (CONTROL.test(value)) return { ok: false, error: "chat message must not contain control characters" };
  const n = visibleLength(value);
  if (n < 1) return { ok: false, error: "chat message is empty" };
  if (n > CHAT_MAX_CHARS) return { ok: false, error: `chat message must be at most ${CHAT_MAX_CHARS} characters (got ${n})` };
  return { ok: true, value };
}

/** Room codes: 5 characters from an alphabet without look-alikes (no 0/O, 1/I/L, 5/S, 8/B). */
export const ROOM_CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY2345679";
export const ROOM_CODE_LENGTH = 5;

/** Normalise what a person typed as a room code (case, spaces, a pasted link). */
export function normalizeRoomCode(raw: string): string {
  const fromLink = /[?&]room=([^&#]+)/.exec(raw);
  return (fromLink ? decodeURIComponent(fromLink[1]) : raw).trim().toUpperCase().replace(/[\s-]/g, "");
}

export function isRoomCode(code: string): boolean {
  return code.length === ROOM_CODE_LENGTH && [...code].every((c) => ROOM_CODE_ALPHABET.includes(c));
}
