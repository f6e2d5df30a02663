import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CARDPLAN_APPLICATION_ID, listBackups, loadMigrations, openStore } from '../../src-main/db/open.ts';
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

  it('0002 → 0003: a database written before the mark keeps its projects and gets CardPlan\'s application_id', () => {
    const file = path.join(tempDir(), 'm.db');
    const v2 = openStore(file, { migrations: all.slice(0, 2) });
    expect(v2.db.pragma('application_id', { simple: true })).toBe(0);
    // Written the way CardPlan wrote projects at schema 2 (before price lists).
    const id = 'p-kept';
    v2.db.prepare("INSERT INTO projects (id, name, client, notes, currency, created_at_ms, updated_at_ms) VALUES (?, 'kept', '', '', 'CNY', 1, 1)").run(id);
    v2.db.close();
    const v3 = openStore(file, { migrations: all.slice(0, 3) }).db;
    expect(v3.pragma('user_version', { simple: true })).toBe(3);
    expect(v3.pragma('application_id', { simple: true })).toBe(CARDPLAN_APPLICATION_ID);
    expect(projects.getProject({ db: v3, databasePath: file, runtime: 'node' }, id).name).toBe('kept');
    v3.close();
    // "CPln" in the header (bytes 68-71), where a file's owner is read without SQLite.
    expect(fs.readFileSync(file).subarray(68, 72).toString('latin1')).toBe('CPln');
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

  it('builds the example project: QwQ-32B chat (BF16, 16,000 tokens, 10 users) and the bge-m3 embedding model, on H20 or Ascend 910B', () => {
    const ctx = ctxFor(path.join(tempDir(), 'e.db'));
    const p = projects.getProject(ctx, createExampleProject(ctx, 'en').id);
    expect(p.workloadList).toHaveLength(2);
    const [chat, embedding] = p.workloadList;
    expect(chat).toMatchObject({ model: { builtin: 'qwq-32b' }, workload: { weights: 'bf16', contextTokens: 16_000, concurrency: 10 } });
    // At the same capex, the faster split: TP 2 rather than PP 2 (two cards either way).
    expect(chat!.chosen).toEqual({ card: 'nvidia-h20-96gb', tp: 2, pp: 1, replicas: 1 });
    expect(embedding).toMatchObject({ model: { builtin: 'bge-m3' }, workload: { kind: 'embedding', contextTokens: 8192 } });
    expect(embedding!.chosen).toMatchObject({ tp: 1, pp: 1 });
    expect(projects.listModels(ctx)).toEqual([]);
    ctx.db.close();
  });
});
