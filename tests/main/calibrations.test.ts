/**
 * Calibrations kept in the store: checking a log stores nothing; calibrating keeps it with its log
 * lines; plans and sizing on that card and engine use it; it survives a restart and travels in the
 * project file; it can be removed. Bad input — a 200 MB log, binary data, another engine's log, a
 * log of another model — is one line, and nothing is stored. And `cardplan check-log`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src-main/cli/main.ts';
import { openStore } from '../../src-main/db/open.ts';
import { checkEngineLog, listCalibrations, removeCalibration, saveCalibration } from '../../src-main/services/calibrations.ts';
import type { ServiceContext } from '../../src-main/services/context.ts';
import { exportProject, importProject } from '../../src-main/services/project-file.ts';
import * as projects from '../../src-main/services/projects.ts';
import { plan } from '../../src-main/services/planning.ts';
import { size } from '../../src-main/services/sizing.ts';
import { ROOT, tempDir } from '../helpers.ts';

const FIXTURES = path.join(ROOT, 'tests/fixtures/engine-logs');
const text = (file: string) => fs.readFileSync(path.join(FIXTURES, file), 'utf8');
const open = (file: string): ServiceContext => ({ db: openStore(file).db, databasePath: file, runtime: 'node' });
const LLAMA = { text: text('vllm-llama31-8b-1.log'), model: { id: 'llama-3.1-8b' }, cardId: 'nvidia-rtx-4090' };
const count = (ctx: ServiceContext) => ctx.db.prepare('SELECT count(*) FROM engine_calibrations').pluck().get();

async function run(argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('calibrations in the store', () => {
  it('checking stores nothing; calibrating keeps the calibration and the lines it was read from; plans and sizing use it', () => {
    const file = path.join(tempDir(), 'c.db');
    const ctx = open(file);
    const checked = checkEngineLog(ctx, LLAMA);
    expect(checked.check.rows.map((r) => r.term)).toEqual(['weights', 'nonKv', 'kvBytes', 'kvTokens', 'maxConcurrency']);
    expect(count(ctx)).toBe(0);
    const saved = saveCalibration(ctx, LLAMA);
    expect(saved.excerpt).toBe(
      [
        '1: Loading model weights took 14.9888 GB',
        '2: Memory profiling results: total_gpu_memory=23.58GiB initial_memory_usage=15.34GiB peak_torch_memory=17.06GiB memory_usage_post_profile=15.35GiB non_torch_memory=0.35GiB kv_cache_size=3.81GiB gpu_memory_utilization=0.90',
        '3: GPU blocks: 1952, # CPU blocks: 2048',
        '4: Maximum concurrency for 20000 tokens per request: 1.56x',
      ].join('\n'),
    );
    const request = { model: { id: 'llama-3.1-8b' }, workload: { engine: 'vllm' as const, contextTokens: 8192, concurrency: 3 }, cardIds: ['nvidia-rtx-4090'] };
    const option = plan(ctx, request).options.find((o) => o.tp === 1 && o.pp === 1)!;
    expect(option.calibratedFrom?.engine).toBe('vllm');
    const sized = size(ctx, { model: { id: 'llama-3.1-8b' }, workload: request.workload, placement: { cardId: 'nvidia-rtx-4090', tp: 1, pp: 1 } });
    expect(sized.perCard!.calibratedFrom).toEqual(option.calibratedFrom);
    if (sized.perCard!.verdict.basis !== 'kv-pool' || option.verdict.basis !== 'kv-pool') throw new Error('expected KV pools');
    expect(sized.perCard!.verdict.poolTokens).toBe(option.verdict.poolTokens);
    // Another engine on the same card is not calibrated.
    expect(plan(ctx, { ...request, workload: { ...request.workload, engine: 'sglang' } }).options.find((o) => o.tp === 1)!.calibratedFrom).toBeNull();
    ctx.db.close();

    // A restart: the calibration is still there, and still used.
    const again = open(file);
    expect(listCalibrations(again).map((c) => c.id)).toEqual([saved.id]);
    expect(plan(again, request).options.find((o) => o.tp === 1 && o.pp === 1)!.calibratedFrom).not.toBeNull();

    // It travels in the project file of a project chosen on that card, into another database.
    const { id } = projects.createProject(again, { name: 'router' }, [{ name: 'router 8B', model: { builtin: 'llama-3.1-8b' }, workload: request.workload, chosen: { card: 'nvidia-rtx-4090', tp: 1, pp: 1, replicas: 1 } }]);
    const exported = JSON.parse(JSON.stringify(exportProject(again, id)));
    expect(exported.calibrations.map((c: { id: string }) => c.id)).toEqual([saved.id]);
    const other = open(path.join(tempDir(), 'other.db'));
    importProject(other, exported);
    importProject(other, exported); // a second import keeps one copy
    expect(listCalibrations(other)).toEqual(listCalibrations(again));
    expect(plan(other, request).options.find((o) => o.tp === 1 && o.pp === 1)!.calibratedFrom).not.toBeNull();

    expect(removeCalibration(again, saved.id)).toEqual({ id: saved.id });
    expect(plan(again, request).options.find((o) => o.tp === 1 && o.pp === 1)!.calibratedFrom).toBeNull();
    expect(() => removeCalibration(again, saved.id)).toThrow(/no calibration/);
  });

  it.each([
    ['a 25 MB log', { ...LLAMA, text: 'x'.repeat(25_000_000) }, /^the log is 25\.0 MB; at most 20 MB is read/],
    ['binary data', { ...LLAMA, text: '\u0000\u0001\u0002PK\u0003\u0004'.repeat(1000) }, /^this is not a text log \(binary data\)$/],
    ['a log with no figures', { ...LLAMA, text: 'INFO starting\nINFO ready\n' }, /^no engine start-up figures found/],
    ["an SGLang log read as vLLM's", { ...LLAMA, text: text('sglang-qwq32b-1.log'), engine: 'vllm' as const }, /^this looks like an SGLang log, not vLLM/],
    ['a log of another model', { ...LLAMA, text: text('sglang-qwq32b-1.log') }, /^the log loaded \/home\/model\/Qwen\/QwQ-32B, not meta-llama\/Llama-3\.1-8B.*nothing was stored$/],
  ])('%s: one line, nothing stored', (_what, request, message) => {
    const ctx = open(path.join(tempDir(), 'bad.db'));
    expect(() => saveCalibration(ctx, request)).toThrow(message);
    expect(count(ctx)).toBe(0);
    ctx.db.close();
  });
});

describe('cardplan check-log', () => {
  it('prints the prediction beside the log; --calibrate --db keeps it; --list and --remove', async () => {
    const db = path.join(tempDir(), 'cli.db');
    const logFile = path.join(FIXTURES, 'vllm-llama31-8b-1.log');
    const r = await run(['check-log', logFile, '--card', 'nvidia-rtx-4090', '--model', 'llama-3.1-8b']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^vLLM V0 log: model not printed on nvidia-rtx-4090, TP 1 × PP 1/);
    expect(r.out).toMatch(/KV cache, tokens\s+[\d,]+\s+31,232/);
    expect(r.out).toContain('nothing stored');
    expect(fs.existsSync(db)).toBe(false);
    const j = JSON.parse((await run(['check-log', logFile, '--card', 'nvidia-rtx-4090', '--model', 'llama-3.1-8b', '--calibrate', '--db', db, '--json'])).out);
    expect(j.saved.cardId).toBe('nvidia-rtx-4090');
    const list = await run(['check-log', '--list', '--db', db]);
    expect(list.out).toMatch(new RegExp(`^${j.saved.id}  nvidia-rtx-4090  vllm TP 1 × PP 1`));
    expect((await run(['check-log', '--remove', j.saved.id, '--db', db])).code).toBe(0);
    expect((await run(['check-log', '--list', '--db', db])).out).toBe('no calibrations yet (cardplan check-log FILE --card ID --calibrate)\n');
  });

  it('reads standard input with -, and finds the model the log names', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/cardplan.mjs'), 'check-log', '-', '--card', 'nvidia-l40s-48gb'], { input: text('sglang-qwq32b-1.log'), encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^SGLang log: \/home\/model\/Qwen\/QwQ-32B on nvidia-l40s-48gb, TP 4 × PP 1/);
  });

  it.each([
    [['check-log', 'x.log'], 'cardplan: check-log: --card ID is needed: the card the engine ran on (cardplan cards lists the ids)\n', 2],
    [['check-log', '/nonexistent.log', '--card', 'nvidia-h20-96gb'], 'cardplan: cannot read /nonexistent.log: no such file\n', 1],
    [['check-log', path.join(FIXTURES, 'vllm-llama31-8b-1.log'), '--card', 'nvidia-h20-96gb'], "cardplan: check-log: the log names no model; give --model ID (cardplan size --help lists them)\n", 2],
  ])('%j fails in one line', async (argv, message, code) => {
    const r = await run(argv as string[]);
    expect(r.err).toBe(message);
    expect(r.code).toBe(code);
  });

  it('a 200 MB file is refused by its size, without reading it', async () => {
    const big = path.join(tempDir(), 'huge.log');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, 200_000_000); // sparse: no 200 MB written
    const r = await run(['check-log', big, '--card', 'nvidia-h20-96gb', '--model', 'qwq-32b']);
    expect(r.err).toBe(`cardplan: ${big} is 200.0 MB; at most 20 MB is read — give the start-up part of the log (its first few thousand lines)\n`);
    expect(r.code).toBe(1);
  });
});
