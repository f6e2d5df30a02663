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
import { identifyDatabase, NotCardPlanDatabaseError, type Peek } from './identity.ts';

export { CARDPLAN_APPLICATION_ID, NotCardPlanDatabaseError } from './identity.ts';

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
  /** Daily backups kept beside the database (in `backups/`); 0 turns them off. */
  keepDailyBackups?: number;
  now?: () => number;
  /**
   * For commands that only read (`project list`, `show`, `export`, `quote`): when there is no
   * database at the path, say so and create nothing (no file, no folder, no backup).
   */
  mustExist?: boolean;
}

export interface OpenedStore {
  db: Db;
  /** What happened that the user must be told (a corrupt file moved aside, a backup restored). */
  notices: string[];
}

export const DEFAULT_DAILY_BACKUPS = 7;

export function backupDir(file: string): string {
  return path.join(path.dirname(file), 'backups');
}

const stampOf = (ms: number): string => new Date(ms).toISOString().replace(/[:.]/g, '-');

function isCorruption(error: unknown): boolean {
  const code = (error as { code?: string })?.code ?? '';
  return code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB';
}

/** The backups of `file`, newest first. */
export function listBackups(file: string): string[] {
  const dir = backupDir(file);
  if (!fs.existsSync(dir)) return [];
  const base = path.basename(file);
  return fs
    .readdirSync(dir)
    .filter((name) => name.startsWith(`${base}.`) && name.endsWith('.backup'))
    .map((name) => path.join(dir, name))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs || b.localeCompare(a));
}

/**
 * What SQLite reports of a file (application_id, user_version, table names), read without changing
 * it: a read-only connection, and the `-wal`/`-shm` files SQLite creates for one removed again if
 * they were not there before.
 */
function peek(file: string, options: OpenOptions): Peek | null {
  const created = ['-wal', '-shm'].filter((suffix) => !fs.existsSync(file + suffix));
  try {
    const db = new (sqlite())(file, { readonly: true, fileMustExist: true, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
    try {
      return {
        applicationId: db.pragma('application_id', { simple: true }) as number,
        userVersion: db.pragma('user_version', { simple: true }) as number,
        tables: (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name),
      };
    } finally {
      db.close();
    }
  } catch {
    return null;
  } finally {
    for (const suffix of created) fs.rmSync(file + suffix, { force: true });
  }
}

/** The database at `file` does not exist (or is empty): a read-only command says so and creates nothing. */
export class NoDatabaseError extends CardPlanError {
  constructor(readonly file: string) {
    super('not_found', `there is no CardPlan database at ${file}; nothing was created (cardplan project new or project import creates one)`);
  }
}

/** A consistent copy of the open database (VACUUM INTO), written under a temporary name first. */
function snapshot(db: Db, target: string): void {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  fs.rmSync(partial, { force: true });
  db.prepare('VACUUM INTO ?').run(partial);
  fs.renameSync(partial, target);
}

function connect(file: string, options: OpenOptions): Db {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    return new (sqlite())(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (error) {
    throw new CardPlanError('storage', `Cannot open the database ${file}: ${(error as Error).message}`);
  }
}

function writable(dir: string): boolean {
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** True when SQLite can read every page of the file. */
function passesQuickCheck(db: Db): boolean {
  try {
    const rows = db.pragma('quick_check') as { quick_check: string }[];
    return rows.length === 1 && rows[0]!.quick_check === 'ok';
  } catch (error) {
    if (isCorruption(error)) return false;
    throw error;
  }
}

/** Moves a damaged database (and its WAL) aside, never deleting it, and puts the newest backup in its place. */
function recover(file: string, now: number): string[] {
  const aside = `${file}.corrupt-${stampOf(now)}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, aside + suffix);
  }
  const backup = listBackups(file)[0];
  if (backup) {
    fs.copyFileSync(backup, file);
    return [`The database ${file} was damaged. It was moved to ${aside} (kept, not deleted) and the backup ${path.basename(backup)} was restored; changes made after that backup are not in it.`];
  }
  return [`The database ${file} was damaged and there is no backup. It was moved to ${aside} (kept, not deleted); CardPlan started a new, empty database.`];
}

/**
 * Opens (creating if needed) the database at `file`: checks its integrity (a damaged file is moved
 * aside and the newest backup restored), refuses one written by a newer CardPlan (leaving it
 * untouched), keeps a copy before migrating, applies pending migrations each in one transaction,
 * and keeps rolling daily backups. Throws `CardPlanError('storage')` with a one-line message.
 */
export function openStore(file: string, options: OpenOptions = {}): OpenedStore {
  const migrations = options.migrations ?? loadMigrations();
  const now = options.now ?? Date.now;
  const notices: string[] = [];
  // Before SQLite touches anything: a file that is not CardPlan's is refused and left as it is.
  const identity = identifyDatabase(file, listBackups(file).length > 0, (f) => peek(f, options));
  if (identity.kind === 'foreign') throw new NotCardPlanDatabaseError(file, identity.why);
  if (identity.kind === 'new' && options.mustExist) throw new NoDatabaseError(file);
  const existed = identity.kind !== 'new';
  let db = connect(file, options);
  let healthy: boolean;
  try {
    healthy = !existed || passesQuickCheck(db);
  } catch (error) {
    db.close();
    throw new CardPlanError('storage', `Cannot open the database ${file}: ${(error as Error).message}${writable(path.dirname(file)) ? '' : ' (its folder is read-only)'}`);
  }
  if (!healthy) {
    db.close();
    notices.push(...recover(file, now()));
    db = connect(file, options);
    if (!passesQuickCheck(db)) {
      db.close();
      throw new CardPlanError('storage', `The database ${file} and its newest backup are both damaged; the files were kept in ${path.dirname(file)}`);
    }
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
    // Every acknowledged write reaches the disk before the call returns.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    if (current > 0 && current < latest) {
      snapshot(db, path.join(backupDir(file), `${path.basename(file)}.before-migration-${latest}.${stampOf(now())}.backup`));
    }
    for (const migration of migrations.slice(current)) {
      db.transaction(() => {
        db.exec(migration.sql);
        db.pragma(`user_version = ${migration.version}`);
      })();
    }
    dailyBackup(db, file, options.keepDailyBackups ?? DEFAULT_DAILY_BACKUPS, now());
    return { db, notices };
  } catch (error) {
    db.close();
    if (error instanceof CardPlanError) throw error;
    throw new CardPlanError('storage', `Cannot prepare the database ${file}: ${(error as Error).message}`);
  }
}

/** One backup a day (`<name>.daily-YYYY-MM-DD.backup`), keeping the newest `keep`. */
function dailyBackup(db: Db, file: string, keep: number, now: number): void {
  if (keep <= 0) return;
  const day = new Date(now).toISOString().slice(0, 10);
  const target = path.join(backupDir(file), `${path.basename(file)}.daily-${day}.backup`);
  if (fs.existsSync(target)) return;
  try {
    snapshot(db, target);
  } catch {
    return; // a backup that cannot be written (full disk) must not stop the user working
  }
  const daily = listBackups(file).filter((b) => b.includes('.daily-')).sort().reverse();
  for (const old of daily.slice(keep)) fs.rmSync(old, { force: true });
}

/** `openStore` for callers that report notices themselves or have none to report. */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  return openStore(file, options).db;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}
