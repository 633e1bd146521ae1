// Server: whether a room's state holds changes not yet sent in a patch.

import { $changes } from "@colyseus/schema";

interface TrackedState {
  [$changes]: { root?: { changes: { next?: unknown } } };
}

/**
 * True when the state was changed since the last patch. Reads the same change list the room's
 * encoder drains (Encoder.hasChanges is `root.changes.next !== undefined`; the encoder itself is
 * private to Colyseus' room). A write of an equal value is not a change.
 */
export function hasPendingChanges(state: object): boolean {
  const root = (state as TrackedState)[$changes].root;
  return root === undefined || root.changes.next !== undefined;
}
