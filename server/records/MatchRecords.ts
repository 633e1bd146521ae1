// Server: the process's match records: the database, the writes in flight (awaited by the
// drain), and replay retention. Rooms get it from their definition (server/app.ts).

import { promisify } from "node:util";
import { deflateRaw, deflateRawSync, inflateRawSync, type ZlibOptions } from "node:zlib";
import { decodeReplayBody, replayFile, replayFilePayload, type Replay } from "../../shared/replay/format.js";
import { log } from "../hosting/log.js";
import { openDatabase, type OpenedDatabase } from "./database.js";
import type { FinishedMatch } from "./MatchRecorder.js";
import { MatchStore } from "./MatchStore.js";

/** How often old replays are pruned while the process runs, ms. */
const PRUNE_EVERY_MS = 6 * 3600_000;

export class MatchRecords {
  readonly store: MatchStore;
  private readonly pending = new Set<Promise<unknown>>();
  private readonly pruneTimer: NodeJS.Timeout;

  private constructor(private readonly opened: OpenedDatabase, private readonly retentionDays: number) {
    this.store = new MatchStore(opened.db);
    this.pruneTimer = setInterval(() => void this.prune(), PRUNE_EVERY_MS);
    this.pruneTimer.unref();
  }

  /** Open (and migrate) the database the configuration names. Throws DatabaseError. */
  static async open(config: { dataDir: string; databaseUrl: string | undefined; replayRetentionDays: number }): Promise<MatchRecords> {
    const records = new MatchRecords(await openDatabase(config), config.replayRetentionDays);
    await records.prune();
    return records;
  }

  get where(): string {
    return this.opened.where;
  }

  get dialect(): string {
    return this.opened.dialect;
  }

  /** Store a finished match in the background; a failure is logged, never thrown at the room.
   *  The replay is compressed off the event loop: the rooms of the process keep ticking. */
  save(match: FinishedMatch): void {
    const write = packReplayOffThread(match.replayBody)
      .then((file) => this.store.save(match, file))
      .then((id) => log.info("match recorded", { match: id, room: match.room, reason: match.endReason, players: match.players.length, ticks: match.ticks }))
      .catch((error: unknown) => log.error("could not record a match", { room: match.room, error }))
      .finally(() => this.pending.delete(write));
    this.pending.add(write);
  }

  /** Wait for every write in flight (the drain calls this before exiting). */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  async close(): Promise<void> {
    clearInterval(this.pruneTimer);
    await this.flush();
    await this.opened.db.destroy();
  }

  private async prune(): Promise<void> {
    try {
      const deleted = await this.store.pruneReplays(this.retentionDays);
      if (deleted > 0) log.info("old replays deleted", { deleted, olderThanDays: this.retentionDays });
    } catch (error) {
      log.error("could not delete old replays", { error });
    }
  }
}

const REPLAY_DEFLATE: ZlibOptions = { level: 9 };
const deflateRawInPool = promisify(deflateRaw) as (body: Uint8Array, options: ZlibOptions) => Promise<Buffer>;

/** A replay body as a file: magic, version, raw DEFLATE. */
export function packReplay(body: Uint8Array): Uint8Array {
  return replayFile(deflateRawSync(body, REPLAY_DEFLATE));
}

/** packReplay on libuv's thread pool. A 3-minute match of 8 players is a ~250 KB body, 8–18 ms
 *  to compress at level 9 on this project's test machine: on the event loop, every room of the
 *  process would miss that much of its tick budget at each match's end. */
export async function packReplayOffThread(body: Uint8Array): Promise<Uint8Array> {
  return replayFile(await deflateRawInPool(body, REPLAY_DEFLATE));
}

/** Read a replay file (throws a message on anything else). */
export function unpackReplay(file: Uint8Array): Replay {
  const payload = replayFilePayload(file);
  let body: Uint8Array;
  try {
    body = inflateRawSync(payload);
  } catch {
    throw new Error("replay file is damaged (its data does not decompress)");
  }
  return decodeReplayBody(body);
}
