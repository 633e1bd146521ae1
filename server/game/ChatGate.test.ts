import { describe, expect, it } from "vitest";
import { CHAT_BURST, CHAT_MAX_CHARS } from "../../shared/constants.js";
import { ChatGate } from "./ChatGate.js";

describe("ChatGate", () => {
  it("passes trimmed text and refuses bad text with what is allowed", () => {
    const gate = new ChatGate();
    expect(gate.admit("a", { text: "  gg  " }, 0)).toEqual({ ok: true, value: "gg" });
    expect(gate.admit("a", { text: "" }, 0)).toMatchObject({ ok: false, error: "chat message is empty" });
    expect(gate.admit("a", { text: "x".repeat(CHAT_MAX_CHARS + 1) }, 0)).toMatchObject({ ok: false, error: expect.stringMatching(/at most 120 characters/) });
    expect(gate.admit("a", { text: "bell\u0007" }, 0)).toMatchObject({ ok: false, error: expect.stringMatching(/control characters/) });
    expect(gate.admit("a", { text: 42 }, 0)).toMatchObject({ ok: false, error: "chat message must be text" });
    expect(gate.admit("a", "raw string", 0)).toMatchObject({ ok: false });
    expect(gate.admit("a", { text: "<b>hi</b>" }, 0)).toEqual({ ok: true, value: "<b>hi</b>" }); // text, never HTML
  });

  it("throttles a flood per speaker and refills over time", () => {
    const gate = new ChatGate();
    const results = Array.from({ length: CHAT_BURST + 3 }, () => gate.admit("flooder", { text: "spam" }, 1000).ok);
    expect(results.filter(Boolean)).toHaveLength(CHAT_BURST);
    expect(gate.admit("flooder", { text: "spam" }, 1000)).toMatchObject({ ok: false, error: expect.stringMatching(/slow down/) });
    expect(gate.admit("someone else", { text: "hi" }, 1000).ok).toBe(true);
    expect(gate.admit("flooder", { text: "later" }, 2100).ok).toBe(true);
  });
});
