// Server: whether a frame a client sent is one the room can decode, checked before Colyseus sees
// it. A malformed frame then costs one bounded pass over its bytes and a close, and never reaches
// a decoder that logs a stack trace or a schema dump for it. Pure: no I/O, no clock.

import { Protocol, ProtocolModifier } from "@colyseus/core";
import { decode, encode, OPERATION } from "@colyseus/schema";
import { unpack } from "msgpackr";
import { flatFields } from "../rooms/flatInputDecoder.js";

const CODE_MASK = 0x1f;
const MODIFIER_MASK = 0xe0;

/** What one room accepts; build once per room class with frameRules(). */
export interface FrameRules {
  /** Each ROOM_DATA message type the room handles, as its bytes after the protocol code. */
  readonly messageTypes: readonly Uint8Array[];
  /** Reads one input body from `offset`; true when it is exactly a sequence of field writes. */
  readonly inputBody: (bytes: Uint8Array, offset: number) => boolean;
}

/** What the checker needs to know about the connection and the room at this frame. */
export interface FrameContext {
  /** The join acknowledgement is expected (the client is still joining). */
  joining: boolean;
  /** The stamp layout of timed reliable inputs: a uint16 render delta follows the varint. */
  renderDeltaStamp: boolean;
}

/** Rules for a room handling `messageTypes` and inputs of the flat schema `inputSchema` (none:
 *  the room takes no inputs). */
export function frameRules(messageTypes: readonly string[], inputSchema?: object): FrameRules {
  const fields = inputSchema ? flatFields(inputSchema) : [];
  if (!fields) throw new Error("frameRules: the input schema must be flat (primitive and quantized fields)");
  const it = { offset: 0 };
  return {
    messageTypes: messageTypes.map((type) => {
      const bytes = new Uint8Array(4 + Buffer.byteLength(type) + 4);
      const at = { offset: 0 };
      encode.string(bytes, type, at);
      return bytes.subarray(0, at.offset);
    }),
    inputBody: (bytes, offset) => {
      it.offset = offset;
      while (it.offset < bytes.length) {
        const head = bytes[it.offset++];
        const op = head & 0xc0;
        const field = fields[head & 0x3f];
        if ((op !== OPERATION.ADD && op !== OPERATION.REPLACE) || field === undefined) return false;
        const value = field.read(bytes, it);
        if (typeof value === "number" && Number.isNaN(value)) return false;
      }
      return it.offset === bytes.length;
    },
  };
}

function startsWith(bytes: Uint8Array, offset: number, prefix: Uint8Array): boolean {
  if (bytes.length - offset < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[offset + i] !== prefix[i]) return false;
  return true;
}

/** Why `frame` is not one the room can decode, in a few words for the close reason; undefined
 *  when it is well-formed. */
export function frameViolation(frame: Uint8Array, rules: FrameRules, context: FrameContext): string | undefined {
  if (frame.length === 0) return "empty frame";
  const code = frame[0] & CODE_MASK;
  const modifiers = frame[0] & MODIFIER_MASK;
  switch (code) {
    case Protocol.PING:
    case Protocol.LEAVE_ROOM:
      return frame.length === 1 ? undefined : `malformed frame (code ${code})`;
    case Protocol.JOIN_ROOM:
      return frame.length === 1 && context.joining ? undefined : "unexpected join acknowledgement";
    case Protocol.ROOM_DATA:
      return modifiers === 0 ? messageViolation(frame, rules) : `malformed frame (code ${code})`;
    case Protocol.ROOM_INPUT_RELIABLE:
      return inputViolation(frame, rules, context, modifiers);
    case Protocol.ROOM_INPUT_UNRELIABLE:
      return "unreliable inputs are not accepted over WebSocket: send them reliably";
    case Protocol.ROOM_DATA_BYTES:
    case Protocol.ROOM_REQUEST:
      return `message kind ${code} is not handled by this room`;
    default:
      return `unknown protocol code ${code}`;
  }
}

function messageViolation(frame: Uint8Array, rules: FrameRules): string | undefined {
  const type = rules.messageTypes.find((t) => startsWith(frame, 1, t));
  if (!type) return "unknown message type";
  const body = 1 + type.length;
  if (body === frame.length) return undefined;
  try {
    unpack(frame.subarray(body));
    return undefined;
  } catch {
    return "undecodable message body";
  }
}

/** Reused by every input check (inputs are the hot path: no allocation per frame). */
const inputIt = { offset: 0 };

function inputViolation(frame: Uint8Array, rules: FrameRules, context: FrameContext, modifiers: number): string | undefined {
  if ((modifiers & ~ProtocolModifier.TIMED) !== 0) return "unknown input modifier";
  const it = inputIt;
  it.offset = 1;
  if (modifiers & ProtocolModifier.TIMED) {
    const stamp = decode.number(frame, it);
    if (context.renderDeltaStamp) decode.uint16(frame, it);
    if (it.offset > frame.length || !Number.isFinite(stamp)) return "malformed input stamp";
  }
  return rules.inputBody(frame, it.offset) ? undefined : "malformed input";
}
