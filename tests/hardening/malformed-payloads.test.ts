/**
 * Every contract channel, fed malformed payloads (property-based, fast-check): each call answers
 * with an error envelope — one line, no stack trace — and the database file stays byte-identical.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, METHODS, type Method } from '../../shared/contract.ts';
import { openStore, type Db } from '../../src-main/db/open.ts';
import { dispatch } from '../../src-main/ipc/handlers.ts';
import { createExampleProject } from '../../src-main/services/example-project.ts';
import * as projects from '../../src-main/services/projects.ts';
import type { ServiceContext } from '../../src-main/services/context.ts';
import { tempDir } from '../helpers.ts';

let db: Db;
let ctx: ServiceContext;
let file: string;
let valid: Record<Method, unknown>;

const fingerprint = (): string =>
  ['', '-wal']
    .map((suffix) => (fs.existsSync(file + suffix) ? crypto.createHash('sha256').update(fs.readFileSync(file + suffix)).digest('hex') : 'none'))
    .join('/');

beforeAll(() => {
  file = path.join(tempDir(), 'fuzz.db');
  db = openStore(file, { keepDailyBackups: 0 }).db;
  ctx = { db, databasePath: file, runtime: 'node' };
  const { id } = createExampleProject(ctx, 'en');
  const workload = projects.getProject(ctx, id).workloadList[0]!;
  db.pragma('wal_checkpoint(TRUNCATE)');
  const w = { name: 'w', model: { builtin: 'qwq-32b' }, workload: { contextTokens: 4096 } };
  // One well-formed payload per channel, to mutate.
  valid = {
    appInfo: undefined,
    size: { model: { id: 'qwq-32b' }, workload: { contextTokens: 4096 } },
    cards: undefined,
    plan: { model: { id: 'qwq-32b' }, workload: { contextTokens: 4096 }, cardIds: ['nvidia-h20-96gb'] },
    projectList: undefined,
    projectGet: { id },
    projectCreate: { fields: { name: 'new' } },
    projectUpdate: { id, patch: { name: 'renamed' } },
    projectDuplicate: { id },
    projectDelete: { id },
    projectRestore: { id },
    projectExport: { id },
    projectImport: { file: { format: 'cardplan.project' } },
    workloadAdd: { projectId: id, workload: w },
    workloadUpdate: { id: workload.id, workload: w },
    workloadDelete: { id: workload.id },
    modelList: undefined,
    modelSave: { name: 'm', manual: { params: 1e9, layers: 8, heads: 8, kvHeads: 8, headDim: 64 } },
    settingsGet: undefined,
    settingsSet: { pue: 1.2 },
    cardOverride: { cardId: 'huawei-ascend-910b', patch: { tdpWatts: 400, price: { amount: 95_000, currency: 'CNY', date: '2026-11', source: 'quote' } } },
    cardReset: { cardId: 'huawei-ascend-910b' },
    models: undefined,
    planProject: { projectId: id },
    quoteTotals: { projectId: id },
    logCheck: { text: 'Loading model weights took 14.9888 GB', model: { id: 'llama-3.1-8b' }, cardId: 'nvidia-h20-96gb' },
    calibrationSave: { text: 'Loading model weights took 14.9888 GB', model: { id: 'llama-3.1-8b' }, cardId: 'nvidia-h20-96gb' },
    calibrationList: undefined,
    calibrationRemove: { id },
    quoteExport: { projectId: id, language: 'en' },
    speedList: undefined,
    speedSave: { cardId: 'nvidia-h20-96gb', model: { id: 'qwq-32b' }, tokensPerSecondPerUser: 25, batch: 4, tp: 2 },
    speedRemove: { cardId: 'nvidia-h20-96gb', modelName: 'Qwen/QwQ-32B' },
    pricesPreview: { fileName: 'list.csv', base64: Buffer.from('card,unit price,currency\nnvidia-h20-96gb,98000,CNY\n').toString('base64') },
    pricesImport: { fileName: 'list.csv', base64: Buffer.from('card,unit price,currency\nnvidia-h20-96gb,98000,CNY\n').toString('base64'), name: 'fuzz list' },
    pricesList: undefined,
    pricesDelete: { id: 'no-such-list' },
    catalogExport: { language: 'en' },
  };
});
afterAll(() => db.close());

const WRONG: unknown[] = [null, -1, 0, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 1e308, '', 'x'.repeat(100_000), [], {}, true, '<script>'];

/** The payload with one field (at any depth) replaced by a wrong value, or an unknown key added. */
function mutations(payload: unknown): fc.Arbitrary<unknown> {
  const paths: string[][] = [];
  const walk = (value: unknown, at: string[]): void => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) {
        paths.push([...at, k]);
        walk(v, [...at, k]);
      }
    }
  };
  walk(payload, []);
  const set = (value: unknown, at: string[], replacement: unknown): unknown => {
    if (at.length === 0) return replacement;
    const copy = { ...(value as Record<string, unknown>) };
    copy[at[0]!] = set(copy[at[0]!], at.slice(1), replacement);
    return copy;
  };
  const extraKey = payload && typeof payload === 'object' ? [fc.constant({ ...(payload as object), __proto_pollution__: { polluted: true } })] : [];
  const replaced = paths.length ? [fc.tuple(fc.constantFrom(...paths), fc.constantFrom(...WRONG)).map(([at, wrong]) => set(payload, at, wrong))] : [];
  return fc.oneof(...replaced, ...extraKey, fc.anything().filter((x) => x !== undefined && !(x && typeof x === 'object' && Object.keys(x).length === 0)));
}

describe('malformed payloads on every channel', () => {
  it.each(METHODS.map((m) => [CHANNELS[m], m] as const))('%s: every refused payload leaves the database byte-identical', async (channel, method) => {
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(mutations(valid[method]), async (payload) => {
        const before = fingerprint();
        const result = await dispatch(ctx, channel, payload, () => {});
        // A mutation can stay valid (a well-formed name, a PUE of 1.5): such a call may write.
        if (result.ok) return;
        refused++;
        expect(['invalid_input', 'not_found']).toContain(result.error.code);
        expect(result.error.message).not.toMatch(/\n/);
        expect(result.error.message).not.toMatch(/\bat .+:\d+:\d+/); // no stack frames
        expect(fingerprint()).toBe(before);
      }),
      { numRuns: 60 },
    );
    expect(refused).toBeGreaterThan(30); // the generator mostly produces malformed payloads
  });

  it('the same valid payloads do get through (the generator is not just refusing everything)', async () => {
    const result = await dispatch(ctx, 'sizing:size', valid.size);
    expect(result.ok).toBe(true);
  });
});
