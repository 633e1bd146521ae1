// Bench (orchestrator, server child): the traffic a Skirmish client saw, as the raw floor replays
// it: message kinds with their mean size and rate per client.

import type { LoadWindow, MessageClass, TrafficProfile } from "./contracts.js";
import { Code, TIMED } from "./protocolBytes.js";

const PATCH = Code.ROOM_STATE_PATCH;
const DATA = Code.ROOM_DATA;

/** Used when no Skirmish run preceded the raw floor: one state patch per tick of ~100 bytes. */
export const DEFAULT_PROFILE: TrafficProfile = {
  source: "built-in default (no Skirmish run of this scenario before it)",
  down: [{ code: PATCH | TIMED, bytes: 100, perSecond: 30 }],
  up: { bytes: 10, perSecond: 30 },
  join: [300, 100],
};

/** The per-client traffic of a Skirmish window (`joinMessages`: sizes received when joining). */
export function profileFromWindow(w: LoadWindow, joinMessages: readonly number[], source: string): TrafficProfile {
  const clientSeconds = Math.max(1e-9, w.clients * w.seconds);
  const d = w.down;
  const classes: MessageClass[] = [
    { code: PATCH | TIMED, bytes: d.updateBytes / d.updates, perSecond: d.updates / clientSeconds },
    { code: PATCH | TIMED, bytes: d.heartbeatBytes / d.heartbeats, perSecond: d.heartbeats / clientSeconds },
    { code: DATA, bytes: d.eventBytes / d.events, perSecond: d.events / clientSeconds },
  ];
  return {
    source,
    down: classes.filter((c) => c.perSecond > 0 && Number.isFinite(c.bytes)),
    up: w.up.messages > 0 ? { bytes: w.up.payloadBytes / w.up.messages, perSecond: w.up.messages / clientSeconds } : { bytes: 1, perSecond: 0 },
    join: joinMessages.length > 0 ? [...joinMessages] : DEFAULT_PROFILE.join,
  };
}
