// Unit: the frame check: what a client of the arena may send, and a reason for everything else.

import { encode } from "@colyseus/schema";
import { pack } from "msgpackr";
import { describe, expect, it } from "vitest";
import { PlayerInput } from "../../shared/schema.js";
import { ClientMessage } from "../../shared/protocol.js";
import { seededRandom } from "../../shared/random.js";
import { frameRules, frameViolation, type FrameContext } from "./frameCheck.js";

const rules = frameRules(Object.values(ClientMessage), PlayerInput);
const joined: FrameContext = { joining: false, renderDeltaStamp: false };

function message(type: string, payload?: unknown): Uint8Array {
  const head = new Uint8Array(64);
  head[0] = 13;
  const it = { offset: 1 };
  encode.string(head, type, it);
  const body = payload === undefined ? new Uint8Array(0) : pack(payload);
  const frame = new Uint8Array(it.offset + body.length);
  frame.set(head.subarray(0, it.offset));
  frame.set(body, it.offset);
  return frame;
}

describe("frameViolation", () => {
  it("accepts what the SDK sends: pings, leave, the join acknowledgement while joining, chat, inputs", () => {
    expect(frameViolation(Uint8Array.from([18]), rules, joined)).toBeUndefined();
    expect(frameViolation(Uint8Array.from([12]), rules, joined)).toBeUndefined();
    expect(frameViolation(Uint8Array.from([10]), rules, { ...joined, joining: true })).toBeUndefined();
    expect(frameViolation(message("chat", { text: "hi" }), rules, joined)).toBeUndefined();
    expect(frameViolation(message("takeSeat"), rules, joined)).toBeUndefined();
    // Timed input: varint stamp delta, then field writes (moveX, fire).
    expect(frameViolation(Uint8Array.from([19 | 0x80, 33, 0x80, 200, 0x83, 1]), rules, joined)).toBeUndefined();
    expect(frameViolation(Uint8Array.from([19, 0x80, 200]), rules, joined)).toBeUndefined();
    // With the render-delta stamp: varint, uint16, then the fields.
    expect(frameViolation(Uint8Array.from([19 | 0x80, 33, 10, 0, 0x82, 1, 2]), rules, { ...joined, renderDeltaStamp: true })).toBeUndefined();
  });

  it("names what is wrong with everything else", () => {
    expect(frameViolation(new Uint8Array(0), rules, joined)).toBe("empty frame");
    expect(frameViolation(Uint8Array.from([31]), rules, joined)).toBe("unknown protocol code 31");
    expect(frameViolation(Uint8Array.from([10]), rules, joined)).toBe("unexpected join acknowledgement");
    expect(frameViolation(Uint8Array.from([18, 0]), rules, joined)).toBe("malformed frame (code 18)");
    expect(frameViolation(message("teleport", { x: 1 }), rules, joined)).toBe("unknown message type");
    expect(frameViolation(Uint8Array.from([...message("chat"), 0xd9, 10, 65]), rules, joined)).toBe("undecodable message body");
    expect(frameViolation(Uint8Array.from([13 | 0x40, ...message("chat").subarray(1)]), rules, joined)).toBe("malformed frame (code 13)");
    expect(frameViolation(Uint8Array.from([19 | 0x20, 0x80, 1]), rules, joined)).toBe("unknown input modifier");
    expect(frameViolation(Uint8Array.from([19, 0x85, 1]), rules, joined)).toBe("malformed input"); // no field 5
    expect(frameViolation(Uint8Array.from([19, 0x40 | 0, 1]), rules, joined)).toBe("malformed input"); // DELETE
    expect(frameViolation(Uint8Array.from([19, 0x82, 1]), rules, joined)).toBe("malformed input"); // aim cut short
    expect(frameViolation(Uint8Array.from([19 | 0x80]), rules, joined)).toBe("malformed input stamp");
    expect(frameViolation(Uint8Array.from([20, 1, 2]), rules, joined)).toMatch(/unreliable inputs/);
    expect(frameViolation(Uint8Array.from([21, 1, 2]), rules, joined)).toMatch(/not handled by this room/);
  });

  it("never throws, whatever the bytes (50 000 random frames)", () => {
    const random = seededRandom(3);
    for (let n = 0; n < 50_000; n++) {
      const frame = new Uint8Array(Math.floor(random() * 40));
      for (let i = 0; i < frame.length; i++) frame[i] = Math.floor(random() * 256);
      if (frame.length > 0 && random() < 0.5) frame[0] = [10, 12, 13, 18, 19, 20][Math.floor(random() * 6)] | (Math.floor(random() * 8) << 5);
      expect(() => frameViolation(frame, rules, { joining: random() < 0.1, renderDeltaStamp: random() < 0.5 })).not.toThrow();
    }
  });
});
