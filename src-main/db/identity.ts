/**
 * Is the file at the database path CardPlan's? Decided before SQLite is allowed to touch it, so a
 * spreadsheet, a binary or another program's SQLite database given by mistake is refused and left
 * byte-identical, never "recovered" (renamed, replaced by an empty database).
 *
 * - no file, or an empty one: a new database may be created there (by a command that writes);
 * - the SQLite header carries CardPlan's mark (`PRAGMA application_id`, bytes 68–71): ours;
 * - no mark, but CardPlan's tables (a database written before the mark existed, schema 1–2): ours;
 * - no SQLite header at all, but CardPlan backups of this file beside it: a CardPlan database that
 *   was damaged (recovery from the backup applies);
 * - anything else: not CardPlan's.
 */
import fs from 'node:fs';
import { CardPlanError } from '../../shared/errors.ts';

/** "CPln": CardPlan's mark in the SQLite header, written by migration 0003 (`PRAGMA application_id`). */
export const CARDPLAN_APPLICATION_ID = 0x43506c6e;

const SQLITE_MAGIC = 'SQLite format 3\u0000';
/** The tables every CardPlan database has had since schema 1 (0001-settings.sql). */
const CARDPLAN_TABLES = ['settings'];

export type Identity =
  | { kind: 'new' }
  | { kind: 'cardplan' }
  | { kind: 'damaged-cardplan' }
  | { kind: 'foreign'; why: string };

/** Refusal of a file that is not CardPlan's database: the caller may fall back to its own database. */
export class NotCardPlanDatabaseError extends CardPlanError {
  constructor(
    readonly file: string,
    why: string,
  ) {
    super('storage', `${file} is not a CardPlan database (${why}); nothing was changed`);
  }
}

/** What SQLite itself reports of an SQLite file (it reads the WAL too, which the raw header does not). */
export interface Peek {
  applicationId: number;
  userVersion: number;
  tables: string[];
}

/**
 * What is at `file`, judged from its first 100 bytes and, when those do not settle it (no mark in
 * the header, which a WAL not yet folded in may hide), from what SQLite reports (`peek` reads it
 * without changing the file; null when SQLite cannot read it).
 */
export function identifyDatabase(file: string, hasBackups: boolean, peek: (file: string) => Peek | null): Identity {
  let size: number;
  try {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) return { kind: 'foreign', why: 'it is a folder' };
    size = stat.size;
  } catch {
    return { kind: 'new' };
  }
  if (size === 0) return { kind: 'new' };
  const head = Buffer.alloc(100);
  const fd = fs.openSync(file, 'r');
  let read: number;
  try {
    read = fs.readSync(fd, head, 0, 100, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (read < 100 || head.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
    return hasBackups ? { kind: 'damaged-cardplan' } : { kind: 'foreign', why: 'it is not an SQLite database file' };
  }
  if (head.readUInt32BE(68) === CARDPLAN_APPLICATION_ID) return { kind: 'cardplan' };
  const seen = peek(file);
  if (seen === null) return hasBackups ? { kind: 'damaged-cardplan' } : { kind: 'foreign', why: 'SQLite cannot read it' };
  if (seen.applicationId === CARDPLAN_APPLICATION_ID) return { kind: 'cardplan' };
  if (seen.applicationId !== 0) return { kind: 'foreign', why: `it is another program's SQLite database, application_id 0x${seen.applicationId.toString(16).padStart(8, '0')}` };
  // A CardPlan database written before the mark existed (schema 1–2): CardPlan's tables.
  if (seen.userVersion >= 1 && CARDPLAN_TABLES.every((t) => seen.tables.includes(t))) return { kind: 'cardplan' };
  // An empty SQLite database: nothing in it to lose.
  if (seen.userVersion === 0 && seen.tables.length === 0) return { kind: 'new' };
  return { kind: 'foreign', why: `it is an SQLite database without CardPlan's tables (${seen.tables.length ? seen.tables.slice(0, 5).join(', ') : 'no tables'})` };
}
