import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMigrations, openDatabase, schemaVersion } from '../../src-main/db/open.ts';
import { tempDir } from '../helpers.ts';

describe('openDatabase', () => {
  it('creates the file and its folders, in WAL mode with foreign keys on, migrated to the latest schema', () => {
    const file = path.join(tempDir(), 'nested', 'deeper', 'cardplan.db');
    const db = openDatabase(file);
    expect(fs.existsSync(file)).toBe(true);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(schemaVersion(db)).toBe(loadMigrations().length);
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toContain('settings');
    db.close();
  });

  it('opens an existing database again without re-running migrations or losing rows', () => {
    const file = path.join(tempDir(), 'cardplan.db');
    const first = openDatabase(file);
    first.prepare('INSERT INTO settings (key, value_json, updated_at_ms) VALUES (?, ?, ?)').run('language', '"zh-CN"', 1);
    first.close();
    const second = openDatabase(file);
    expect(second.prepare('SELECT value_json FROM settings WHERE key = ?').pluck().get('language')).toBe('"zh-CN"');
    second.close();
  });

  it('keeps settings tables STRICT: a value of the wrong type is refused', () => {
    const db = openDatabase(path.join(tempDir(), 'cardplan.db'));
    expect(() => db.prepare('INSERT INTO settings (key, value_json, updated_at_ms) VALUES (?, ?, ?)').run('x', '1', 'yesterday')).toThrow(
      /cannot store TEXT value in INTEGER column/,
    );
    db.close();
  });

  // A database from a newer CardPlan: tests/hardening/database.test.ts.

  it('says which file it could not open', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'blocker'), 'a file where a folder should be');
    expect(() => openDatabase(path.join(dir, 'blocker', 'cardplan.db'))).toThrow(/^Cannot open the database .*blocker/);
  });
});

describe('loadMigrations', () => {
  it('reads numbered SQL files in order', () => {
    const migrations = loadMigrations();
    expect(migrations[0]?.name).toBe('0001-settings.sql');
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('refuses a gap in the numbering', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, '0001-a.sql'), 'SELECT 1;');
    fs.writeFileSync(path.join(dir, '0003-c.sql'), 'SELECT 1;');
    expect(() => loadMigrations(dir)).toThrow('loadMigrations: expected migration 2, found 0003-c.sql');
  });
});
