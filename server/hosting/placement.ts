// Server: which process a new room goes to when several share matchmaking (Redis).

import { matchMaker } from "@colyseus/core";

/**
 * The live process with the fewest rooms, counted from the shared room listing. Colyseus'
 * default reads per-process counts that are written at most once a second, so a burst of quick
 * play piles every new room onto one process; the listing is written as each room opens.
 * Processes already at `maxRoomsPerProcess` are passed over while another has room.
 */
export function leastLoadedProcess(maxRoomsPerProcess: number): () => Promise<string> {
  return async () => {
    const live = (await matchMaker.stats.fetchAll()).map((s) => s.processId);
    if (live.length === 0) return matchMaker.processId;
    const rooms = new Map<string, number>(live.map((id) => [id, 0]));
    for (const room of await matchMaker.query({})) {
      if (rooms.has(room.processId)) rooms.set(room.processId, rooms.get(room.processId)! + 1);
    }
    const ranked = [...rooms].sort(([a, n], [b, m]) => n - m || a.localeCompare(b));
    return (ranked.find(([, n]) => n < maxRoomsPerProcess) ?? ranked[0])[0];
  };
}
