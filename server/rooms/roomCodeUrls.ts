// Server: room codes are case-insensitive for people: `joinById("k7qfa")` finds room K7QFA.

import type { IncomingMessage } from "node:http";
import { isRoomCode } from "../../shared/text.js";

const JOIN_BY_ID = /^\/matchmake\/joinById\/([^/?#]+)/;

/** Uppercase a room code in a joinById request path (any client, not only ours). Ids that are
 *  not codes (other room types) are left alone. The edge (server/hosting/edge.ts) runs this
 *  before Colyseus' router sees the request, and answers 400 when it throws (a malformed
 *  escape: URIError). */
export function normalizeRoomCodeInUrl(req: IncomingMessage): void {
  const m = req.url === undefined ? null : JOIN_BY_ID.exec(req.url);
  if (!m) return;
  const upper = decodeURIComponent(m[1]).toUpperCase();
  if (isRoomCode(upper)) req.url = req.url!.replace(m[0], `/matchmake/joinById/${upper}`);
}
