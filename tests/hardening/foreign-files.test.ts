/**
 * A file at the database path that is not CardPlan's database — a spreadsheet, a random binary,
 * another program's SQLite database — is refused in one line and left byte-identical, with nothing
 * created beside it; read-only commands on a path with no database say so and create nothing.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { main } from '../../src-main/cli/main.ts';
import { openStore } from '../../src-main/db/open.ts';
import { tempDir } from '../helpers.ts';

async function run(argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

/**
 * Every file in the folder, with its sha256: what "nothing was changed" is checked against. An
 * SQLite `-shm` file is SQLite's shared-memory index, rewritten by every reader (and by the other
 * program that owns it): its presence is compared, not its bytes.
 */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const file = path.join(dir, name);
    out[name] = fs.statSync(file).isDirectory() ? 'dir' : name.endsWith('-shm') ? 'shm' : crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  }
  return out;
}

const FOREIGN: [string, (file: string) => void, RegExp][] = [
  ['a CSV export of a budget', (f) => fs.writeFileSync(f, '\ufeff项目,金额\nGPU,1200000\n'), /it is not an SQLite database file/],
  ['a spreadsheet (an .xlsx is a zip)', (f) => fs.writeFileSync(f, Buffer.concat([Buffer.from('PK\u0003\u0004'), crypto.randomBytes(4000)])), /it is not an SQLite database file/],
  ['random bytes', (f) => fs.writeFileSync(f, crypto.randomBytes(64 * 1024)), /it is not an SQLite database file/],
  [
    "another program's SQLite database (its own application_id)",
    (f) => {
      const db = new Database(f);
      db.pragma('application_id = 0x12345678');
      db.exec('CREATE TABLE ledger (amount INTEGER)');
      db.close();
    },
    /another program's SQLite database, application_id 0x12345678/,
  ],
  [
    'an SQLite database of someone else in WAL mode, its WAL not yet folded in',
    (f) => {
      const db = new Database(f);
      db.pragma('journal_mode = WAL');
      db.pragma('user_version = 7');
      db.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('a')");
      // Left open on purpose: its -wal and -shm stay, as when the other program is running.
      (globalThis as { keepOpen?: unknown }).keepOpen = db;
    },
    /an SQLite database without CardPlan's tables \(contacts\)/,
  ],
];

describe('a file that is not a CardPlan database', () => {
  it.each(FOREIGN)('%s is refused in one line and nothing changes', (_label, make, why) => {
    const dir = tempDir();
    const file = path.join(dir, 'budget.db');
    make(file);
    const before = snapshot(dir);
    expect(() => openStore(file)).toThrow(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is not a CardPlan database \\(.*\\); nothing was changed$`));
    expect(() => openStore(file)).toThrow(why);
    expect(snapshot(dir)).toEqual(before); // byte-identical, no backup folder, no -wal/-shm left
  });

  it('cardplan project list --db budget.db: exit 1, one line, the file untouched and not renamed', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'budget.db');
    fs.writeFileSync(file, 'quarter,gpus,cny\nQ1,8,960000\n');
    const before = snapshot(dir);
    for (const argv of [
      ['project', 'list', '--db', file, '--json'],
      ['project', 'new', 'x', '--db', file],
      ['info', '--db', file],
      ['quote', 'some-id', '--db', file, '--out', path.join(dir, 'q.xlsx')],
    ]) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(1);
      expect(r.err).toBe(`cardplan: ${file} is not a CardPlan database (it is not an SQLite database file); nothing was changed\n`);
      expect(r.out).toBe('');
    }
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('a path with no database', () => {
  it('read-only commands say so and create nothing: no file, no folder, no backup', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'not-yet', 'cardplan.db');
    const message = `cardplan: there is no CardPlan database at ${file}; nothing was created (cardplan project new or project import creates one)\n`;
    for (const argv of [
      ['project', 'list', '--db', file],
      ['project', 'show', 'x', '--db', file],
      ['project', 'export', 'x', '--out', path.join(dir, 'x.json'), '--db', file],
      ['quote', 'x', '--db', file, '--out', path.join(dir, 'q.xlsx')],
    ]) {
      const r = await run(argv);
      expect([r.code, r.err], argv.join(' ')).toEqual([1, message]);
    }
    const info = await run(['info', '--db', file, '--json']);
    expect(info.code).toBe(0);
    expect(JSON.parse(info.out)).toMatchObject({ databasePath: file, schemaVersion: null });
    expect((await run(['info', '--db', file])).out).toContain(`database: ${file} (none yet; nothing was created)`);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('commands that write create it', async () => {
    const file = path.join(tempDir(), 'new', 'cardplan.db');
    expect((await run(['project', 'new', 'First', '--db', file])).code).toBe(0);
    expect(fs.existsSync(file)).toBe(true);
    expect((await run(['project', 'list', '--db', file, '--json'])).out).toContain('"First"');
  });
});
