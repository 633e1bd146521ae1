// Server: who may say what in a room's chat: text rules and a per-speaker flood limit.

import { CHAT_BURST, CHAT_PER_SECOND } from "../../shared/constants.js";
import { checkChat, type TextCheck } from "../../shared/text.js";

/** Token bucket per speaker: CHAT_BURST messages at once, refilled at CHAT_PER_SECOND. */
export class ChatGate {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  /** Check one message from `speaker` at `nowMs` (any monotonic clock). */
  admit(speaker: string, payload: unknown, nowMs: number): TextCheck {
    const text = typeof payload === "object" && payload !== null ? (payload as { text?: unknown }).text : undefined;
    const checked = checkChat(text);
    if (!checked.ok) return checked;
    const bucket = this.buckets.get(speaker) ?? { tokens: CHAT_BURST, at: nowMs };
    bucket.tokens = Math.min(CHAT_BURST, bucket.tokens + ((nowMs - bucket.at) / 1000) * CHAT_PER_SECOND);
    bucket.at = nowMs;
    this.buckets.set(speaker, bucket);
    if (bucket.tokens < 1) {
      return { ok: false, error: `slow down: at most ${CHAT_BURST} messages at once, then ${CHAT_PER_SECOND} a second` };
    }
    bucket.tokens -= 1;
    return checked;
  }

  forget(speaker: string): void {
    this.buckets.delete(speaker);
  }
}
