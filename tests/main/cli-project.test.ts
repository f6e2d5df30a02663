import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { main } from '../../src-main/cli/main.ts';
import { findModel } from '../../shared/model/catalog.ts';
import { ROOT, tempDir } from '../helpers.ts';

async function run(argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err, json: () => JSON.parse(out) };
}

const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'shared/project-file.schema.json'), 'utf8'));
// ajv is CommonJS: its default export arrives as the module object's `default` under ESM.
const Ajv = ((Ajv2020 as unknown as { default?: typeof Ajv2020 }).default ?? Ajv2020) as typeof Ajv2020;
const validate = new Ajv({ allErrors: true }).compile(schema);

/** The example project file with a custom model (an imported config.json) and a workload on it. */
const withCustomModel = (f: any) => ({
  ...f,
  models: [{ key: 'm1', name: 'our fine-tuned 7B', kind: 'config', body: findModel('qwen2.5-7b-instruct')!.config, exactWeightBytes: null }],
  workloads: [...f.workloads, { name: 'custom', model: { model: 'm1' }, workload: { contextTokens: 4096 }, targetTokensPerSecond: null, chosen: null }],
});

const hashOf = (file: string) => ['', '-wal'].map((s) => (fs.existsSync(file + s) ? crypto.createHash('sha256').update(fs.readFileSync(file + s)).digest('hex') : '-')).join();

describe('cardplan project', () => {
  it('new, list, show, export and import round-trip a project with its custom model', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'cp.db');
    const created = await run(['project', 'new', '--example', '--db', db, '--json']);
    expect(created.code).toBe(0);
    const { id } = created.json();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    const list = (await run(['project', 'list', '--db', db, '--json'])).json();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id, workloads: 2 });
    expect(Object.keys(list[0])).toEqual(expect.arrayContaining(['id', 'name', 'workloads', 'updatedAtMs']));

    const shown = (await run(['project', 'show', id, '--db', db, '--json'])).json();
    expect(shown.workloadList.map((w: { workload: { contextTokens: number } }) => w.workload.contextTokens)).toEqual([16_000, 8192]);

    const out = path.join(dir, 'example.cardplan.json');
    expect((await run(['project', 'export', id, '--out', out, '--db', db])).code).toBe(0);
    const example = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true); // documented by the JSON Schema
    expect(example).toMatchObject({ format: 'cardplan.project', version: 1, models: [] }); // the example uses built-in models only

    // A project with a custom model: it travels in the file and comes back the same.
    fs.writeFileSync(out, JSON.stringify(withCustomModel(example)));
    const custom = (await run(['project', 'import', out, '--db', db, '--json'])).json();
    const shown2 = (await run(['project', 'show', custom.id, '--db', db, '--json'])).json();
    expect((await run(['project', 'export', custom.id, '--out', out, '--db', db])).code).toBe(0);
    const file = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(validate(file), JSON.stringify(validate.errors)).toBe(true);
    expect(file.models).toHaveLength(1);
    expect(file.models[0]).toMatchObject({ name: 'our fine-tuned 7B', kind: 'config' });

    const other = path.join(dir, 'other.db');
    const imported = (await run(['project', 'import', out, '--db', other, '--json'])).json();
    const copy = (await run(['project', 'show', imported.id, '--db', other, '--json'])).json();
    expect(copy.name).toBe(shown2.name);
    expect(copy.workloadList).toHaveLength(3);
    expect(copy.workloadList.map((w: { workload: unknown; chosen: unknown }) => [w.workload, w.chosen])).toEqual(
      shown2.workloadList.map((w: { workload: unknown; chosen: unknown }) => [w.workload, w.chosen]),
    );
  });

  it.each([
    ['newer', (f: any) => ({ ...f, version: 2 }), 'this project file is version 2, written by a newer CardPlan; this version reads up to 1. Nothing was imported.'],
    ['not ours', () => ({ hello: 'world' }), 'not a CardPlan project file (expected "format": "cardplan.project")'],
    ['missing model', (f: any) => ({ ...withCustomModel(f), models: [] }), 'project file: workloads.2.model refers to model "m1", which the file does not contain. Nothing was imported.'],
    ['bad workload', (f: any) => ({ ...f, workloads: [{ ...f.workloads[0], workload: { contextTokens: -5 } }] }), 'project file: workloads.0.workload.contextTokens: Invalid number: expected a positive integer. Nothing was imported.'],
    ['unknown built-in', (f: any) => ({ ...f, workloads: [{ ...f.workloads[0], model: { builtin: 'gpt-9' } }] }), 'project file: workloads.0 (内部聊天服务): unknown built-in model "gpt-9". Nothing was imported.'],
  ])('refuses a %s file in one line and changes nothing', async (_label, mutate, message) => {
    const dir = tempDir();
    const db = path.join(dir, 'cp.db');
    const { id } = (await run(['project', 'new', '--example', '--db', db, '--json'])).json();
    const out = path.join(dir, 'p.cardplan.json');
    await run(['project', 'export', id, '--out', out, '--db', db]);
    fs.writeFileSync(out, JSON.stringify(mutate(JSON.parse(fs.readFileSync(out, 'utf8')))));
    const before = hashOf(db);
    const r = await run(['project', 'import', out, '--db', db]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`cardplan: ${message}\n`);
    expect(hashOf(db)).toBe(before);
  });

  it('refuses a truncated file and a missing one', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'cut.cardplan.json');
    fs.writeFileSync(file, '{"format":"cardplan.project","version":1,"proj');
    const r = await run(['project', 'import', file, '--db', path.join(dir, 'x.db')]);
    expect(r.err).toMatch(/cut\.cardplan\.json: not valid JSON/);
    expect((await run(['project', 'import', path.join(dir, 'nope.json'), '--db', path.join(dir, 'x.db')])).err).toMatch(/nope\.json: no such file/);
  });

  it('answers usage mistakes with exit 2 and an unknown project with exit 1', async () => {
    const db = path.join(tempDir(), 'u.db');
    expect(await run(['project', 'new', '--db', db])).toMatchObject({ code: 2, err: 'cardplan: project new: give a NAME or --example\n' });
    expect(await run(['project', 'frob'])).toMatchObject({ code: 2, err: "cardplan: project: unknown subcommand 'frob'; one of new, list, show, export, import\n" });
    expect(await run(['project', 'export', 'x', '--db', db])).toMatchObject({ code: 2, err: 'cardplan: project export: give --out FILE\n' });
    await run(['project', 'new', 'x', '--db', db]);
    const missing = await run(['project', 'show', 'no-such-id', '--db', db]);
    expect(missing).toMatchObject({ code: 1, err: 'cardplan: project "no-such-id" does not exist (or was deleted)\n' });
    expect((await run(['project', 'new', '  ', '--db', db])).err).toBe('cardplan: project:create: invalid request (fields.name: Invalid name: must not be empty)\n');
  });
});
