// Opens the store the settings name: embedded SQLite (default) or PostgreSQL.
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase as KyselySqliteDatabase } from 'kysely'
import pg from 'pg'
import type { DatabaseConfig } from '../config.js'
import type { Database } from './schema.js'
import { createLru } from '../lru.js'

export type StoreKind = DatabaseConfig['kind']

export interface Store {
  db: Kysely<Database>
  kind: StoreKind
  /** PostgreSQL only: the schema the store works in, when not the default. */
  schema?: string
  close(): Promise<void>
}

export interface OpenOptions {
  /** PostgreSQL only: a schema to work in (created if missing), so tests can run side by side. */
  schema?: string
  /** PostgreSQL only: connections in the pool. */
  poolSize?: number
}

export function openStore(config: DatabaseConfig, options: OpenOptions = {}): Store {
  if (config.kind === 'postgres') return openPostgres(config.url, options)
  return openSqlite(config.file)
}

function openSqlite(file: string): Store {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const sqlite = new SqliteDatabase(file)
  // WAL lets readers work while a writer commits; the busy timeout waits out short locks.
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('synchronous = NORMAL')
  // Searches read many rows by id: map the file into memory and keep a large page cache, rather
  // than a read() system call per page (docs/decisions/0005-search-index-shape.md).
  sqlite.pragma('mmap_size = 1073741824')
  sqlite.pragma('cache_size = -262144')
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: keepingStatements(sqlite) }) })
  return { db, kind: 'sqlite', close: () => db.destroy() }
}

const KEPT_STATEMENTS = 500

/**
 * Kysely prepares every query anew, and compiling the SQL is a fair part of a short query's time.
 * The same SQL text gets the same compiled statement back (the least recently used go first).
 * A statement still being iterated (a stream) is busy, so that SQL gets a fresh one meanwhile.
 */
function keepingStatements(sqlite: SqliteDatabase.Database): KyselySqliteDatabase {
  const kept = createLru<string, SqliteDatabase.Statement>(KEPT_STATEMENTS)
  return {
    close: () => sqlite.close(),
    prepare(text) {
      const statement = kept.get(text)
      if (statement && !statement.busy) return statement
      const fresh = sqlite.prepare(text)
      if (!statement) kept.set(text, fresh)
      return fresh
    },
  }
}

// pg returns BIGINT (count(*)) as text by default; our counts fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10))
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number.parseFloat(value))

function openPostgres(url: string, options: OpenOptions): Store {
  const schema = options.schema
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`Unsafe schema name: ${schema}`)
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    // Extensions (pg_trgm) live in public, so it stays on the path after the working schema.
    ...(schema ? { options: `-c search_path=${schema},public` } : {}),
  })
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return { db, kind: 'postgres', ...(schema ? { schema } : {}), close: () => db.destroy() }
}
