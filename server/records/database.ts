// Server: the match database: embedded SQLite under DATA_DIR by default, PostgreSQL with
// DATABASE_URL, one Kysely query layer over both, and forward-only migrations run at start.

import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type Generated, type Migration } from "kysely";
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { redact } from "../hosting/config.js";
import { log } from "../hosting/log.js";

export interface MatchesTable {
  id: Generated<number>;
  room: string;
  /** Epoch ms. */
  started_at: number;
  ended_at: number;
  /** "time" | "frags" | "interrupted". */
  end_reason: string;
  match_seconds: number;
  frag_limit: number;
  tick_rate: number;
  winner_name: string | null;
  player_count: number;
}

export interface MatchPlayersTable {
  match_id: number;
  slot: number;
  /** The browser's random key; "" when the client sent none. Never leaves the server. */
  player_key: string;
  name: string;
  frags: number;
  deaths: number;
  shots: number;
  hits: number;
  /** 1 / 0 (booleans differ between the two databases). */
  bot: number;
  winner: number;
}

export interface ReplaysTable {
  match_id: number;
  /** Epoch ms; retention deletes by it. */
  created_at: number;
  /** The replay file (shared/replay/format.ts). */
  data: Uint8Array;
  size: number;
}

export interface RecordsSchema {
  matches: MatchesTable;
  match_players: MatchPlayersTable;
  replays: ReplaysTable;
}

export type RecordsDb = Kysely<RecordsSchema>;
export type Dialect = "sqlite" | "postgres";

export class DatabaseError extends Error {
  constructor(message: string, readonly retryable = false) {
    super(message);
  }
}

/** Attempts at bringing the schema up to date when processes start together. */
const MIGRATE_ATTEMPTS = 3;

/** SQLite file name inside DATA_DIR. */
export const SQLITE_FILE = "skirmish.sqlite";
/** How long start-up waits for PostgreSQL, ms. */
const CONNECT_TIMEOUT_MS = 10_000;

/** Forward-only migrations, in order. Never edit one that shipped: add the next. */
function migrations(dialect: Dialect): Record<string, Migration> {
  const id = dialect === "sqlite" ? "integer" : "serial";
  const blob = dialect === "sqlite" ? "blob" : "bytea";
  return {
    "0001_matches": {
      async up(db: Kysely<unknown>) {
        await db.schema.createTable("matches")
          .addColumn("id", id, (c) => (dialect === "sqlite" ? c.primaryKey().autoIncrement() : c.primaryKey()))
          .addColumn("room", "text", (c) => c.notNull())
          .addColumn("started_at", "double precision", (c) => c.notNull())
          .addColumn("ended_at", "double precision", (c) => c.notNull())
          .addColumn("end_reason", "text", (c) => c.notNull())
          .addColumn("match_seconds", "integer", (c) => c.notNull())
          .addColumn("frag_limit", "integer", (c) => c.notNull())
          .addColumn("tick_rate", "integer", (c) => c.notNull())
          .addColumn("winner_name", "text")
          .addColumn("player_count", "integer", (c) => c.notNull())
          .execute();
        await db.schema.createIndex("matches_ended_at").on("matches").column("ended_at").execute();
        await db.schema.createTable("match_players")
          .addColumn("match_id", "integer", (c) => c.notNull().references("matches.id").onDelete("cascade"))
          .addColumn("slot", "integer", (c) => c.notNull())
          .addColumn("player_key", "text", (c) => c.notNull())
          .addColumn("name", "text", (c) => c.notNull())
          .addColumn("frags", "integer", (c) => c.notNull())
          .addColumn("deaths", "integer", (c) => c.notNull())
          .addColumn("shots", "integer", (c) => c.notNull())
          .addColumn("hits", "integer", (c) => c.notNull())
          .addColumn("bot", "integer", (c) => c.notNull())
          .addColumn("winner", "integer", (c) => c.notNull())
          .addPrimaryKeyConstraint("match_players_pk", ["match_id", "slot"])
          .execute();
        await db.schema.createIndex("match_players_key").on("match_players").column("player_key").execute();
        await db.schema.createTable("replays")
          .addColumn("match_id", "integer", (c) => c.primaryKey().references("matches.id").onDelete("cascade"))
          .addColumn("created_at", "double precision", (c) => c.notNull())
          .addColumn("data", blob, (c) => c.notNull())
          .addColumn("size", "integer", (c) => c.notNull())
          .execute();
        await db.schema.createIndex("replays_created_at").on("replays").column("created_at").execute();
      },
    },
  };
}

export interface OpenedDatabase {
  db: RecordsDb;
  dialect: Dialect;
  /** Where, for logs: the SQLite file or the redacted URL. */
  where: string;
}

/** Open the database the configuration names and bring its schema up to date. Throws a
 *  DatabaseError saying what is wrong (unreachable, unwritable, newer than this code). */
export async function openDatabase(config: { dataDir: string; databaseUrl: string | undefined }): Promise<OpenedDatabase> {
  const opened = config.databaseUrl ? await openPostgres(config.databaseUrl) : await openSqlite(config.dataDir);
  for (let attempt = 1; ; attempt++) {
    try {
      await migrate(opened);
      return opened;
    } catch (error) {
      // Processes starting together race to create the migration bookkeeping tables (PostgreSQL's
      // CREATE TABLE IF NOT EXISTS is not atomic): the loser finds them made on a second try.
      if (error instanceof DatabaseError && !error.retryable || attempt >= MIGRATE_ATTEMPTS) {
        await opened.db.destroy().catch(() => undefined);
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt + Math.random() * 200));
    }
  }
}

async function openSqlite(dataDir: string): Promise<OpenedDatabase> {
  const dir = resolve(dataDir);
  const file = resolve(dir, SQLITE_FILE);
  let database: import("better-sqlite3").Database;
  try {
    mkdirSync(dir, { recursive: true });
    const { default: SQLite } = await import("better-sqlite3");
    database = new SQLite(file);
    database.pragma("journal_mode = WAL");
    database.pragma("foreign_keys = ON");
    // Another process holding the file briefly (a backup) is waited for, not an error.
    database.pragma("busy_timeout = 5000");
  } catch (error) {
    throw new DatabaseError(`cannot open the match database ${file} (DATA_DIR): ${(error as Error).message}`);
  }
  return { db: new Kysely<RecordsSchema>({ dialect: new SqliteDialect({ database }) }), dialect: "sqlite", where: file };
}

async function openPostgres(url: string): Promise<OpenedDatabase> {
  const { default: pg } = await import("pg");
  // Counts and sums come back as text by default (int8): numbers are safe at this scale.
  pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));
  pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v: string) => Number(v));
  const pool = new pg.Pool({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, max: 5 });
  // An idle client losing its server (a database restart) must not end the process.
  pool.on("error", (error) => log.warn("match database: idle connection lost", { error: error.message }));
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new DatabaseError(`cannot reach PostgreSQL at ${redact(url)} (DATABASE_URL): ${(error as Error).message || String(error)}`);
  }
  return { db: new Kysely<RecordsSchema>({ dialect: new PostgresDialect({ pool }) }), dialect: "postgres", where: redact(url) };
}

async function migrate({ db, dialect, where }: OpenedDatabase): Promise<void> {
  const known = migrations(dialect);
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (tables.some((t) => t.name === "kysely_migration")) {
    const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
    const unknown = applied.rows.map((r) => r.name).filter((name) => !(name in known));
    if (unknown.length > 0) {
      const newest = Object.keys(known).sort().at(-1);
      throw new DatabaseError(
        `the match database ${where} was written by a newer Skirmish (schema ${unknown.sort().at(-1)}; this version knows up to ${newest}): ` +
        "upgrade Skirmish, or point DATA_DIR / DATABASE_URL at another database",
      );
    }
  }
  const migrator = new Migrator({ db, provider: { getMigrations: async () => known } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName;
    throw new DatabaseError(`cannot update the match database ${where}${failed ? ` (migration ${failed})` : ""}: ${(error as Error).message ?? String(error)}`, true);
  }
}

/** The schema version this code writes (the newest migration's name). */
export function schemaVersion(): string {
  return Object.keys(migrations("sqlite")).sort().at(-1)!;
}
