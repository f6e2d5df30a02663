/**
 * The only module that imports better-sqlite3. It opens the database file, sets WAL and foreign
 * keys, refuses a database written by a newer CardPlan, and applies pending migrations, each in
 * its own transaction, recording progress in `PRAGMA user_version`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type BetterSqlite3 from 'better-sqlite3';
import { CardPlanError } from '../../shared/errors.ts';

export type Db = BetterSqlite3.Database;

// Loaded on first use, so commands that never open the store (`cardplan size`, `plan`) do not pay
// for the native module.
const requireHere = createRequire(import.meta.url);
let Database: typeof BetterSqlite3 | undefined;
const sqlite = (): typeof BetterSqlite3 => (Database ??= requireHere('better-sqlite3') as typeof BetterSqlite3);

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * `src-main/db/migrations/` when running from source; `out/main/migrations/` (copied by the build)
 * inside the Electron bundle, which lives at `out/main/main.mjs`.
 */
function migrationsDir(): string {
  return fileURLToPath(new URL('./migrations/', import.meta.url));
}

const MIGRATION_FILE = /^(\d{4})-[a-z0-9-]+\.sql$/;

/** Reads `NNNN-name.sql` files in order; numbers must run 1, 2, 3… with no gap. */
export function loadMigrations(dir: string = migrationsDir()): Migration[] {
  const files = fs.readdirSync(dir).filter((file) => MIGRATION_FILE.test(file)).sort();
  return files.map((file, index) => {
    const version = Number(file.slice(0, 4));
    if (version !== index + 1) {
      throw new CardPlanError('internal', `loadMigrations: expected migration ${index + 1}, found ${file}`);
    }
    return { version, name: file, sql: fs.readFileSync(path.join(dir, file), 'utf8') };
  });
}

export interface OpenOptions {
  /** Path of a better-sqlite3 binary built for Electron's ABI (see scripts/electron-native.mjs). */
  nativeBinding?: string;
  migrations?: Migration[];
}

/**
 * Opens (creating if needed) the database at `file` and brings its schema up to date.
 * Throws `CardPlanError('storage')` with a one-line message when the file cannot be opened or was
 * written by a newer version of CardPlan; such a file is left exactly as it was.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const migrations = options.migrations ?? loadMigrations();
  let db: Db;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    db = new (sqlite())(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (error) {
    throw new CardPlanError('storage', `Cannot open the database ${file}: ${(error as Error).message}`);
  }
  try {
    const current = db.pragma('user_version', { simple: true }) as number;
    const latest = migrations.length;
    if (current > latest) {
      throw new CardPlanError(
        'storage',
        `The database ${file} was written by a newer version of CardPlan (schema ${current}; this version knows up to ${latest}). It was not changed; update CardPlan to open it.`,
      );
    }
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    for (const migration of migrations.slice(current)) {
      db.transaction(() => {
        db.exec(migration.sql);
        db.pragma(`user_version = ${migration.version}`);
      })();
    }
    return db;
  } catch (error) {
    db.close();
    if (error instanceof CardPlanError) throw error;
    throw new CardPlanError('storage', `Cannot prepare the database ${file}: ${(error as Error).message}`);
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}
