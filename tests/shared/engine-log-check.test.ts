/**
 * A start-up log beside CardPlan's prediction, and the calibration it gives: after calibrating on a
 * log, the prediction for that exact setting holds the log's KV tokens within 1%, and other
 * contexts and user counts on the same card use the calibration.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_CARD_SPECS } from '../../shared/catalog/card-specs.ts';
import { appliedCalibration, calibrationFrom } from '../../shared/engine-log/calibration.ts';
import { checkLog } from '../../shared/engine-log/check.ts';
import { parseEngineLog } from '../../shared/engine-log/parse.ts';
import { DEFAULT_GPU_MEMORY_UTILIZATION, DEFAULT_SGLANG_MEM_FRACTION_STATIC } from '../../shared/memory/engines.ts';
import { builtinModel } from '../../shared/model/catalog.ts';
import { planWorkload } from '../../shared/plan/plan.ts';

const GiB = 2 ** 30;
const log = (file: string) => fs.readFileSync(path.join(import.meta.dirname, '../fixtures/engine-logs', file), 'utf8');
const card = (id: string) => BUILTIN_CARD_SPECS.find((c) => c.id === id)!;

function calibrate(file: string, model: string, cardId: string, engine?: 'vllm-ascend') {
  const o = parseEngineLog(log(file), engine ? { engine } : {});
  const spec = builtinModel(model);
  const usable = card(cardId).usableBytes!;
  const before = checkLog(o, spec, usable);
  const c = calibrationFrom(o, {
    id: file,
    cardId,
    cardUsableBytes: usable,
    kvBytesPerToken: before.kvBytesPerToken,
    defaultFraction: before.engine === 'vllm' ? DEFAULT_GPU_MEMORY_UTILIZATION : DEFAULT_SGLANG_MEM_FRACTION_STATIC,
    modelName: spec.name,
    createdAtMs: Date.UTC(2026, 11, 4),
  });
  const after = checkLog(o, spec, usable, { calibration: appliedCalibration(c, spec.name) });
  return { o, spec, before, c, after };
}

const tokens = (check: ReturnType<typeof checkLog>) => check.rows.find((r) => r.term === 'kvTokens')!;

describe('calibrating on a start-up log', () => {
  it('vLLM V0 on a 24 GB card (Llama-3.1-8B): what the engine kept is 0.90 × 23.58 GiB − 14.9888 GiB − 3.81 GiB, and the calibrated pool holds the log\'s 1,952 blocks', () => {
    const { c, after } = calibrate('vllm-llama31-8b-1.log', 'llama-3.1-8b', 'nvidia-rtx-4090');
    // By hand, from the printed figures: total_gpu_memory=23.58GiB, gpu_memory_utilization=0.90,
    // "Loading model weights took 14.9888 GB" (GiB), kv_cache_size=3.81GiB.
    expect(c.nonKvExtraBytes).toBe(Math.round(0.9 * 23.58 * GiB - Math.round(14.9888 * GiB) - Math.round(3.81 * GiB)));
    expect(c.nonKvExtraBytes / GiB).toBeCloseTo(2.4232, 3); // 21.222 − 14.9888 − 3.81
    expect([c.usableBytes, c.tp, c.pp, c.engine]).toEqual([Math.round(23.58 * GiB), 1, 1, 'vllm']);
    // 1,952 blocks × 16 tokens = 31,232 tokens in the log.
    const row = tokens(after);
    expect(row.observed).toBe(31_232);
    expect(Math.abs(row.relative!)).toBeLessThan(0.01);
  });

  it.each([
    // file, model, card, engine, the log's KV tokens
    ['sglang-qwq32b-1.log', 'qwq-32b', 'nvidia-l40s-48gb', undefined, 46_611],
    ['vllm-ascend-qwen3-8b-1.log', 'qwen3-8b', 'huawei-ascend-910b4', undefined, 72_448],
  ] as const)('%s: once calibrated, the KV tokens for that setting are the log\'s within 1%', (file, model, cardId, engine, logged) => {
    const { after } = calibrate(file, model, cardId, engine);
    const row = tokens(after);
    expect(row.observed).toBe(logged);
    expect(Math.abs(row.relative!)).toBeLessThan(0.01);
  });

  it('a different context and user count on the same card, engine and split use the calibration', () => {
    const { c, after } = calibrate('vllm-llama31-8b-1.log', 'llama-3.1-8b', 'nvidia-rtx-4090');
    const spec = builtinModel('llama-3.1-8b');
    const workload = { engine: 'vllm' as const, contextTokens: 8192, concurrency: 3 };
    const plain = planWorkload({ spec, workload, cards: [card('nvidia-rtx-4090')] }).options.find((o) => o.tp === 1 && o.pp === 1)!;
    const calibrated = planWorkload({ spec, workload, cards: [card('nvidia-rtx-4090')], calibrations: new Map([['nvidia-rtx-4090', c]]) }).options.find((o) => o.tp === 1 && o.pp === 1)!;
    expect(calibrated.calibratedFrom).toEqual({ engine: 'vllm', date: '2026-12-04', model: spec.name, sameModel: true });
    expect(calibrated.warnings).toContain(`memory calibrated from your vLLM log of 2026-12-04 (${spec.name})`);
    if (calibrated.verdict.basis !== 'kv-pool' || plain.verdict.basis !== 'kv-pool') throw new Error('expected KV-pool verdicts');
    // The pool is the calibrated one, whatever the context and users: the log's setting gave the same.
    expect(calibrated.verdict.poolTokens).toBe(tokens(after).predicted);
    expect(calibrated.verdict.poolTokens).not.toBe(plain.verdict.poolTokens);
    // Another split (TP 2) is not what the log measured: CardPlan's own model there.
    const tp2 = planWorkload({ spec, workload, cards: [card('nvidia-rtx-4090')], calibrations: new Map([['nvidia-rtx-4090', c]]) }).options.find((o) => o.tp === 2);
    if (tp2) expect(tp2.calibratedFrom).toBeNull();
  });

  it('another model on the calibrated card keeps its own weights and takes what the engine kept besides', () => {
    const { c } = calibrate('vllm-llama31-8b-1.log', 'llama-3.1-8b', 'nvidia-rtx-4090');
    const applied = appliedCalibration(c, builtinModel('qwen2.5-7b-instruct').name);
    expect(applied.sameModel).toBe(false);
    expect(applied.nonKvExtraBytes).toBe(c.nonKvExtraBytes);
  });
});
