// Bench (every child): the bytes of the Colyseus wire protocol the bench reads and writes without
// decoding (the values of @colyseus/core's Protocol and ProtocolModifier; bench.test.ts checks
// they still agree).

/** Protocol codes: the low 5 bits of a frame's first byte. */
export const Code = {
  JOIN_ROOM: 10, ERROR: 11, LEAVE_ROOM: 12, ROOM_DATA: 13, ROOM_STATE: 14, ROOM_STATE_PATCH: 15, ROOM_DATA_BYTES: 17, PING: 18,
} as const;
/** Mask of the protocol code in a frame's first byte. */
export const CODE_MASK = 0x1f;
/** Modifier bit: the frame starts with the server time and input ack (two uint32 after the code byte). */
export const TIMED = 0x80;
/** Bytes of the TIMED prefix, code byte included. */
export const TIMED_HEADER_BYTES = 9;
