import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { listBackups, loadMigrations, openStore } from '../../src-main/db/open.ts';
import { createExampleProject } from '../../src-main/services/example-project.ts';
import * as projects from '../../src-main/services/projects.ts';
import type { ServiceContext } from '../../src-main/services/context.ts';
import { tempDir } from '../helpers.ts';

const ctxFor = (file: string): ServiceContext => ({ db: openStore(file).db, databasePath: file, runtime: 'node' });

describe('migrations', () => {
  const all = loadMigrations();

  it('0001 → 0002: settings written under schema 1 survive, the project tables appear, a copy is kept first', () => {
    const file = path.join(tempDir(), 'm.db');
    const v1 = openStore(file, { migrations: all.slice(0, 1) }).db;
    expect(v1.pragma('user_version', { simple: true })).toBe(1);
    v1.prepare('INSERT INTO settings (key, value_json, updated_at_ms) VALUES (?, ?, ?)').run('language', '"en"', 1);
    v1.close();
    const v2 = openStore(file, { migrations: all.slice(0, 2) }).db;
    expect(v2.pragma('user_version', { simple: true })).toBe(2);
    expect(v2.prepare('SELECT value_json FROM settings WHERE key = ?').pluck().get('language')).toBe('"en"');
    const tables = v2.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['projects', 'workloads', 'models', 'card_overrides', 'quotes']));
    v2.close();
    const before = listBackups(file).filter((b) => b.includes('.before-migration-2.'));
    expect(before).toHaveLength(1);
    const copy = new Database(before[0]!, { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(1);
    expect(copy.prepare('SELECT value_json FROM settings').pluck().get()).toBe('"en"');
    copy.close();
  });

  it('a failing migration is rolled back whole and the database stays at its version', () => {
    const file = path.join(tempDir(), 'm.db');
    openStore(file, { migrations: all.slice(0, 1) }).db.close();
    const broken = [...all.slice(0, 1), { version: 2, name: '0002-broken.sql', sql: 'CREATE TABLE half (x INTEGER) STRICT; INSERT INTO nowhere VALUES (1);' }];
    expect(() => openStore(file, { migrations: broken })).toThrow(/Cannot prepare the database .*no such table: nowhere/);
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'half'").pluck().get()).toBe(0);
    db.close();
  });
});

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

  it('starts empty when there is no backup, still keeping the damaged file', () => {
    const file = path.join(tempDir(), 'nb.db');
    fs.writeFileSync(file, 'this is not a database, just text that is long enough to look like a header '.repeat(100));
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

describe('project services', () => {
  it('creates, renames, duplicates, deletes and restores projects', () => {
    const ctx = ctxFor(path.join(tempDir(), 'p.db'));
    const { id } = projects.createProject(ctx, { name: '银行 RAG 项目', client: '某银行' });
    projects.addWorkload(ctx, id, { name: 'chat', model: { builtin: 'qwq-32b' }, workload: { contextTokens: 8192, concurrency: 4 } });
    expect(projects.updateProject(ctx, id, { name: '银行 RAG 二期' }).name).toBe('银行 RAG 二期');
    const copy = projects.duplicateProject(ctx, id);
    expect(projects.getProject(ctx, copy.id)).toMatchObject({ name: '银行 RAG 二期 (copy)', client: '某银行', workloads: 1 });
    projects.deleteProject(ctx, id);
    expect(projects.listProjects(ctx).map((p) => p.id)).toEqual([copy.id]);
    expect(() => projects.getProject(ctx, id)).toThrow(/does not exist \(or was deleted\)/);
    expect(projects.restoreProject(ctx, id).workloadList).toHaveLength(1);
    expect(projects.listProjects(ctx)).toHaveLength(2);
    ctx.db.close();
  });

  it('refuses a workload the sizing core would refuse, writing nothing', () => {
    const ctx = ctxFor(path.join(tempDir(), 'w.db'));
    const { id } = projects.createProject(ctx, { name: 'p' });
    expect(() => projects.addWorkload(ctx, id, { name: 'too long', model: { builtin: 'qwq-32b' }, workload: { contextTokens: 1_000_000 } })).toThrow(
      "sizeWorkload: contextTokens 1000000 is above the model's limit of 131072 (max_position_embeddings); force it to size anyway",
    );
    expect(() => projects.addWorkload(ctx, id, { name: 'x', model: { builtin: 'qwq-32b' }, workload: {}, chosen: { card: 'nvidia-h20-96gb', tp: 3, pp: 1, replicas: 1 } })).toThrow(
      'tp 3 must divide the 40 attention heads',
    );
    expect(() => projects.addWorkload(ctx, id, { name: 'x', model: { stored: 'nope' }, workload: {} })).toThrow('model "nope" does not exist');
    expect(projects.getProject(ctx, id).workloadList).toEqual([]);
    ctx.db.close();
  });

  it('builds the example project: QwQ-32B chat (BF16, 16,000 tokens, 10 users) and an embedding model, on H20 or Ascend 910B', () => {
    const ctx = ctxFor(path.join(tempDir(), 'e.db'));
    const p = projects.getProject(ctx, createExampleProject(ctx, 'en').id);
    expect(p.workloadList).toHaveLength(2);
    const [chat, embedding] = p.workloadList;
    expect(chat).toMatchObject({ model: { builtin: 'qwq-32b' }, workload: { weights: 'bf16', contextTokens: 16_000, concurrency: 10 } });
    expect(['nvidia-h20-96gb', 'huawei-ascend-910b']).toContain(chat!.chosen!.card);
    expect(projects.listModels(ctx).map((m) => m.name)).toEqual(['BAAI/bge-m3']);
    expect('stored' in embedding!.model).toBe(true);
    ctx.db.close();
  });
});
