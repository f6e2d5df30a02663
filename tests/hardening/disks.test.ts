/**
 * A full disk and a read-only disk, for the database and for quote exports (real tmpfs mounts;
 * these run as root, as CI does, and fail in CI if mounting is impossible).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src-main/db/open.ts';
import { writeQuote } from '../../src-main/export/quote.ts';
import { dispatch } from '../../src-main/ipc/handlers.ts';
import { createExampleProject } from '../../src-main/services/example-project.ts';
import { tempDir } from '../helpers.ts';
import { MOUNTS_AVAILABLE, tinyDisk } from '../mounts.ts';

const runIt = MOUNTS_AVAILABLE || !!process.env.CI;
const hash = (file: string) => ['', '-wal'].map((s) => (fs.existsSync(file + s) ? crypto.createHash('sha256').update(fs.readFileSync(file + s)).digest('hex') : '-')).join();

describe.runIf(runIt)('disks that fail', () => {
  it('a full disk: the write that does not fit is refused in one line, earlier ones stay, nothing is half-written', async () => {
    const disk = tinyDisk(1024);
    try {
      const file = path.join(disk.dir, 'full.db');
      const { db } = openStore(file, { keepDailyBackups: 0 });
      const ctx = { db, databasePath: file, runtime: 'node' as const };
      const created: string[] = [];
      let refusal: { code: string; message: string } | undefined;
      for (let i = 0; i < 5000 && !refusal; i++) {
        const r = await dispatch(ctx, 'project:create', { fields: { name: `p${i}`, notes: 'n'.repeat(15_000) } }, () => {});
        if (r.ok) created.push((r.value as { id: string }).id);
        else refusal = r.error;
      }
      expect(refusal).toEqual({ code: 'storage', message: 'project:create: the disk holding the database is full; nothing was saved' });
      expect(created.length).toBeGreaterThan(5);
      db.close();
      const check = new Database(file, { readonly: true });
      expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(check.prepare('SELECT count(*) FROM projects').pluck().get()).toBe(created.length);
      check.close();
    } finally {
      disk.unmount();
    }
  }, 60_000);

  it('a read-only disk: the database is refused with a clear line and left exactly as it was', () => {
    const disk = tinyDisk(2048);
    try {
      const file = path.join(disk.dir, 'ro.db');
      const { db } = openStore(file, { keepDailyBackups: 0 });
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
      const before = hash(file);
      disk.readOnly();
      expect(() => openStore(file)).toThrow(/^(Cannot open the database|Cannot prepare the database) .*ro\.db: .*(readonly|read-only|unable to open)/i);
      expect(hash(file)).toBe(before);
    } finally {
      disk.unmount();
    }
  });

  it('a quote on a full disk: one line, no partial workbook, nothing recorded', async () => {
    const dbFile = path.join(tempDir(), 'q.db');
    const { db } = openStore(dbFile, { keepDailyBackups: 0 });
    const ctx = { db, databasePath: dbFile, runtime: 'node' as const };
    const { id } = createExampleProject(ctx, 'en');
    const disk = tinyDisk(8);
    try {
      await expect(writeQuote(ctx, id, path.join(disk.dir, 'quote.xlsx'), 'en')).rejects.toThrow(/cannot write the quote to .*quote\.xlsx: the disk is full; nothing was written/);
      expect(fs.readdirSync(disk.dir)).toEqual([]);
      expect(db.prepare('SELECT count(*) FROM quotes').pluck().get()).toBe(0);
    } finally {
      disk.unmount();
      db.close();
    }
  });
});
