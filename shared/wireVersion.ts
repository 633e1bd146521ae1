// Both sides: the version of the wire contract a build speaks. A browser tab left open across a
// server update carries the old client; it sends its version when it joins and the server
// refuses another one with a clear "reload the page" instead of a schema mismatch later.

import { Encoder, Reflection } from "@colyseus/schema";
import { ArenaState, PlayerInput } from "./schema.js";

/** Bump when messages, codes or their meaning change in a way the schemas do not show. */
export const PROTOCOL_VERSION = 1;

/** FNV-1a over bytes, as 8 hex digits. */
function fingerprint(bytes: Uint8Array): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, "0");
}

/** "<protocol>.<state schema>.<input schema>": equal exactly when two builds can talk. The schema
 *  parts are fingerprints of the schemas' reflection (field names, types, order). */
export const WIRE_VERSION = [
  PROTOCOL_VERSION,
  fingerprint(Reflection.encode(new Encoder(new ArenaState()))),
  fingerprint(Reflection.encode(new Encoder(new PlayerInput()))),
].join(".");
