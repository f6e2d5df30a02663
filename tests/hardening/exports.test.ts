/**
 * A quote whose target another program holds. On Windows that is a lock; here it is simulated
 * with an immutable file (`chattr +i`), which refuses the rename the same way.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src-main/db/open.ts';
import { writeQuote } from '../../src-main/export/quote.ts';
import { createExampleProject } from '../../src-main/services/example-project.ts';
import { tempDir } from '../helpers.ts';

function canLock(): boolean {
  const file = path.join(tempDir(), 'probe');
  fs.writeFileSync(file, 'x');
  try {
    execFileSync('chattr', ['+i', file], { stdio: 'ignore' });
    execFileSync('chattr', ['-i', file], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe.runIf(canLock() || !!process.env.CI)('a quote target held by another program', () => {
  it('gives one line, leaves the existing file untouched and no partial file, and records nothing', async () => {
    const dbFile = path.join(tempDir(), 'q.db');
    const { db } = openStore(dbFile, { keepDailyBackups: 0 });
    const ctx = { db, databasePath: dbFile, runtime: 'node' as const };
    const { id } = createExampleProject(ctx, 'en');
    const dir = tempDir();
    const target = path.join(dir, 'quote.xlsx');
    fs.writeFileSync(target, 'the copy finance has open');
    execFileSync('chattr', ['+i', target]);
    try {
      await expect(writeQuote(ctx, id, target, 'en')).rejects.toThrow(/^cannot write the quote to .*quote\.xlsx: permission denied; nothing was written$/);
      expect(fs.readFileSync(target, 'utf8')).toBe('the copy finance has open');
      expect(fs.readdirSync(dir)).toEqual(['quote.xlsx']);
      expect(db.prepare('SELECT count(*) FROM quotes').pluck().get()).toBe(0);
    } finally {
      execFileSync('chattr', ['-i', target]);
      db.close();
    }
  });
});
