/**
 * The database on disk: a damaged file, a file from a newer CardPlan.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CARDPLAN_APPLICATION_ID, listBackups, loadMigrations, openStore } from '../../src-main/db/open.ts';
import * as projects from '../../src-main/services/projects.ts';
import type { ServiceContext } from '../../src-main/services/context.ts';
import { tempDir } from '../helpers.ts';

const ctxFor = (file: string): ServiceContext => ({ db: openStore(file).db, databasePath: file, runtime: 'node' });

describe('corruption', () => {
  it('moves a damaged file aside (never deleting it), restores the newest backup and says so', () => {
    const file = path.join(tempDir(), 'c.db');
    const ctx = ctxFor(file); // takes today's backup, before the project exists
    projects.createProject(ctx, { name: 'after the backup' });
    ctx.db.close();
    // Overwrite the database with garbage of the same length.
    const size = fs.statSync(file).size;
    fs.writeFileSync(file, Buffer.alloc(size, 0x5a));
    const { db, notices } = openStore(file);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/was damaged\. It was moved to .*c\.db\.corrupt-.* \(kept, not deleted\) and the backup c\.db\.daily-\d{4}-\d{2}-\d{2}\.backup was restored/);
    const aside = fs.readdirSync(path.dirname(file)).filter((n) => n.startsWith('c.db.corrupt-') && !n.endsWith('-wal') && !n.endsWith('-shm'));
    expect(aside).toHaveLength(1);
    expect(fs.readFileSync(path.join(path.dirname(file), aside[0]!)).every((b) => b === 0x5a)).toBe(true);
    expect(db.pragma('quick_check', { simple: true })).toBe('ok');
    expect(projects.listProjects({ db, databasePath: file, runtime: 'node' })).toEqual([]); // the backup predates it
    db.close();
  });

  it('starts empty when a CardPlan database is damaged and there is no backup, still keeping the damaged file', () => {
    const file = path.join(tempDir(), 'nb.db');
    const ctx = { db: openStore(file, { keepDailyBackups: 0 }).db, databasePath: file, runtime: 'node' as const };
    for (let i = 0; i < 40; i++) projects.createProject(ctx, { name: `p${i}`, notes: 'x'.repeat(2000) });
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    ctx.db.close();
    // Keep the first page (CardPlan's header and mark), damage every page after it.
    const bytes = fs.readFileSync(file);
    bytes.fill(0x5a, 4096);
    fs.writeFileSync(file, bytes);
    const { db, notices } = openStore(file, { keepDailyBackups: 0 });
    expect(notices[0]).toMatch(/was damaged and there is no backup\. It was moved to .*nb\.db\.corrupt-.*; CardPlan started a new, empty database\./);
    expect(db.pragma('user_version', { simple: true })).toBe(loadMigrations().length);
    db.close();
  });

  it('keeps one backup a day, at most seven', () => {
    const file = path.join(tempDir(), 'b.db');
    const day = 86_400_000;
    for (let i = 0; i < 10; i++) openStore(file, { now: () => Date.UTC(2026, 0, 1) + i * day }).db.close();
    const days = listBackups(file)
      .map((b) => /\.daily-(\d{4}-\d{2}-\d{2})\.backup$/.exec(b)?.[1])
      .filter(Boolean)
      .sort();
    expect(days).toEqual(['2026-01-04', '2026-01-05', '2026-01-06', '2026-01-07', '2026-01-08', '2026-01-09', '2026-01-10']);
  });
});


describe('a database from a newer CardPlan', () => {
  it('is refused with a clear line and left byte-identical, WAL and all', () => {
    const file = path.join(tempDir(), 'future.db');
    const future = new Database(file);
    future.exec('CREATE TABLE from_the_future (x INTEGER) STRICT');
    future.pragma('user_version = 999');
    future.pragma(`application_id = ${CARDPLAN_APPLICATION_ID}`); // a newer CardPlan marks its files too
    future.close();
    const before = fs.readFileSync(file);
    expect(() => openStore(file)).toThrow(/was written by a newer version of CardPlan \(schema 999; this version knows up to \d+\)\. It was not changed; update CardPlan to open it\./);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['future.db']);
  });
});
