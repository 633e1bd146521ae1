// Server: reading and writing match records (results, players, replays) through Kysely, the
// same queries for SQLite and PostgreSQL. Player keys are stored, compared and never returned.

import type { EndReason, LeaderboardRowJson, MatchJson, Period } from "../../shared/records.js";
import type { RecordsDb } from "./database.js";
import type { FinishedMatch } from "./MatchRecorder.js";

/** A match as the API answers it (shared/records.ts). */
export type MatchSummary = MatchJson;
export type LeaderboardRow = LeaderboardRowJson;
export type { Period } from "../../shared/records.js";

const PERIOD_MS: Record<Period, number> = { "7d": 7 * 24 * 3600_000, all: Number.POSITIVE_INFINITY };
/** Leaderboard rows returned at most. */
export const LEADERBOARD_SIZE = 50;

export class MatchStore {
  constructor(private readonly db: RecordsDb, private readonly now: () => number = Date.now) {}

  /** Store a finished match and its replay file in one transaction; returns its id. */
  async save(match: FinishedMatch, replayFile: Uint8Array): Promise<number> {
    const winner = match.players.find((p) => p.slot === match.winner);
    return this.db.transaction().execute(async (trx) => {
      const { id } = await trx.insertInto("matches").values({
        room: match.room,
        started_at: match.startedAt,
        ended_at: match.endedAt,
        end_reason: match.endReason,
        match_seconds: match.rules.matchSeconds,
        frag_limit: match.rules.fragLimit,
        tick_rate: match.rules.tickRate,
        winner_name: winner?.name ?? null,
        player_count: match.players.length,
      }).returning("id").executeTakeFirstOrThrow();
      if (match.players.length > 0) {
        await trx.insertInto("match_players").values(match.players.map((p) => ({
          match_id: id, slot: p.slot, player_key: p.key, name: p.name, frags: p.frags, deaths: p.deaths,
          shots: p.shots, hits: p.hits, bot: p.bot ? 1 : 0, winner: p.slot === match.winner ? 1 : 0,
        }))).execute();
      }
      await trx.insertInto("replays").values({
        match_id: id, created_at: match.endedAt, data: replayFile, size: replayFile.length,
      }).execute();
      return id;
    });
  }

  /** Newest first; `before` pages on (ids only grow). */
  async list(limit: number, before?: number): Promise<MatchSummary[]> {
    let query = this.db.selectFrom("matches").selectAll().orderBy("id", "desc").limit(limit);
    if (before !== undefined) query = query.where("id", "<", before);
    return this.summaries(await query.execute());
  }

  async get(id: number): Promise<MatchSummary | undefined> {
    const rows = await this.db.selectFrom("matches").selectAll().where("id", "=", id).execute();
    return (await this.summaries(rows))[0];
  }

  async replay(id: number): Promise<Uint8Array | undefined> {
    const row = await this.db.selectFrom("replays").select("data").where("match_id", "=", id).executeTakeFirst();
    return row ? new Uint8Array(row.data) : undefined;
  }

  /** Replace a stored replay (tools and tests; the game never rewrites one). */
  async replaceReplay(id: number, file: Uint8Array): Promise<void> {
    await this.db.updateTable("replays").set({ data: file, size: file.length }).where("match_id", "=", id).execute();
  }

  /** Players with a key, best first: wins, then frags. */
  async leaderboard(period: Period): Promise<LeaderboardRow[]> {
    const since = period === "all" ? 0 : this.now() - PERIOD_MS[period];
    const rows = await this.db.selectFrom("match_players as p")
      .innerJoin("matches as m", "m.id", "p.match_id")
      .where("p.player_key", "!=", "")
      .where("m.ended_at", ">=", since)
      .select((eb) => [
        "p.player_key as key",
        eb.fn.sum<number>("p.winner").as("wins"),
        eb.fn.sum<number>("p.frags").as("frags"),
        eb.fn.sum<number>("p.deaths").as("deaths"),
        eb.fn.countAll<number>().as("matches"),
        eb.fn.max<number>("m.id").as("last"),
      ])
      .groupBy("p.player_key")
      .orderBy("wins", "desc").orderBy("frags", "desc").orderBy("last", "desc")
      .limit(LEADERBOARD_SIZE)
      .execute();
    if (rows.length === 0) return [];
    // A player's name is the one they used last (names may change and repeat).
    const names = new Map<string, string>();
    const named = await this.db.selectFrom("match_players")
      .select(["player_key", "name", "match_id"])
      .where("player_key", "in", rows.map((r) => r.key))
      .where("match_id", "in", rows.map((r) => Number(r.last)))
      .execute();
    for (const r of named) names.set(`${r.player_key}/${r.match_id}`, r.name);
    return rows.map((r) => {
      const frags = Number(r.frags);
      const deaths = Number(r.deaths);
      return {
        name: names.get(`${r.key}/${Number(r.last)}`) ?? "?",
        wins: Number(r.wins),
        frags,
        deaths,
        kd: Math.round((deaths === 0 ? frags : frags / deaths) * 100) / 100,
        matches: Number(r.matches),
      };
    });
  }

  /** Delete replays older than `days`; results stay. Returns how many went. */
  async pruneReplays(days: number): Promise<number> {
    const result = await this.db.deleteFrom("replays").where("created_at", "<", this.now() - days * 24 * 3600_000).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  private async summaries(rows: Array<{
    id: number; room: string; started_at: number; ended_at: number; end_reason: string; match_seconds: number;
    frag_limit: number; tick_rate: number; winner_name: string | null;
  }>): Promise<MatchSummary[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const players = await this.db.selectFrom("match_players")
      .select(["match_id", "slot", "name", "frags", "deaths", "shots", "hits", "bot", "winner"])
      .where("match_id", "in", ids).orderBy("match_id").orderBy("frags", "desc").orderBy("slot").execute();
    const replays = new Set((await this.db.selectFrom("replays").select("match_id").where("match_id", "in", ids).execute()).map((r) => r.match_id));
    return rows.map((m) => ({
      id: m.id,
      room: m.room,
      startedAt: new Date(Number(m.started_at)).toISOString(),
      endedAt: new Date(Number(m.ended_at)).toISOString(),
      endReason: m.end_reason as EndReason, // written from the same union (MatchRecorder)
      rules: { matchSeconds: m.match_seconds, fragLimit: m.frag_limit, tickRate: m.tick_rate },
      winner: m.winner_name,
      players: players.filter((p) => p.match_id === m.id).map((p) => ({
        name: p.name, frags: p.frags, deaths: p.deaths, shots: p.shots, hits: p.hits, bot: p.bot === 1, winner: p.winner === 1,
      })),
      hasReplay: replays.has(m.id),
    }));
  }
}
