import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src-main/db/open.ts';
import { dispatch } from '../../src-main/ipc/handlers.ts';
import type { ServiceContext } from '../../src-main/services/context.ts';
import { listMeasuredSpeeds, removeMeasuredSpeed, saveMeasuredSpeed } from '../../src-main/services/measured-speeds.ts';
import { plan } from '../../src-main/services/planning.ts';
import { tempDir } from '../helpers.ts';

const request = { model: { id: 'qwq-32b' }, workload: { contextTokens: 4096, concurrency: 4, engine: 'vllm' as const }, cardIds: ['huawei-ascend-910b'] };

describe('speeds you measured', () => {
  const open = (file: string): ServiceContext => ({ db: openStore(file).db, databasePath: file, runtime: 'node' });

  it('replace the estimate on that card and model, survive a restart, and can be removed', () => {
    const file = path.join(tempDir(), 'speeds.db');
    let ctx = open(file);
    const estimated = plan(ctx, request).options.find((o) => o.tp === 2 && o.pp === 1)!;
    expect(estimated.speed!.basis).toBe('assumed');
    // Measured: 25 tokens/s for each of 4 users at TP 2, i.e. 40 ms per output token.
    const saved = saveMeasuredSpeed(ctx, { cardId: 'huawei-ascend-910b', model: { id: 'qwq-32b' }, tokensPerSecondPerUser: 25, batch: 4, tp: 2, note: 'vllm-ascend 0.9, our lab' });
    expect(saved).toMatchObject({ modelName: 'Qwen/QwQ-32B', tpotMs: 40, batch: 4, tp: 2 });
    ctx.db.close();

    ctx = open(file);
    expect(listMeasuredSpeeds(ctx)).toHaveLength(1);
    const measured = plan(ctx, request).options;
    const tp2 = measured.find((o) => o.tp === 2 && o.pp === 1)!;
    expect(tp2.speed!.basis).toBe('yours');
    expect(tp2.tpotMs).toBeCloseTo(40, 6);
    expect(tp2.tokensPerSecondPerUser).toBeCloseTo(25, 6);
    // TP 4 keeps the model's shape, scaled by measured ÷ estimated at TP 2.
    const tp4Before = plan(open(path.join(tempDir(), 'fresh.db')), request).options.find((o) => o.tp === 4)!;
    const tp4 = measured.find((o) => o.tp === 4)!;
    expect(tp4.tpotMs! / tp4Before.tpotMs!).toBeCloseTo(40 / estimated.tpotMs!, 6);
    // Another model on the same card is not affected.
    expect(plan(ctx, { ...request, model: { id: 'qwen2.5-7b-instruct' } }).options[0]!.speed!.basis).toBe('assumed');

    expect(removeMeasuredSpeed(ctx, 'huawei-ascend-910b', 'Qwen/QwQ-32B')).toEqual({ cardId: 'huawei-ascend-910b', modelName: 'Qwen/QwQ-32B' });
    expect(plan(ctx, request).options.find((o) => o.tp === 2 && o.pp === 1)!.speed!.basis).toBe('assumed');
    ctx.db.close();
  });

  it.each([
    [{ cardId: 'nvidia-h9000', model: { id: 'qwq-32b' }, tpotMs: 40, batch: 1, tp: 1 }, 'measured speed: unknown card id "nvidia-h9000"; see the card catalog for the ids'],
    [{ cardId: 'nvidia-h20-96gb', model: { id: 'qwq-32b' }, batch: 1, tp: 1 }, 'measured speed: give either tpotMs (ms per output token) or tokensPerSecondPerUser, not neither'],
    [{ cardId: 'nvidia-h20-96gb', model: { id: 'qwq-32b' }, tpotMs: 40, tokensPerSecondPerUser: 25, batch: 1, tp: 1 }, 'measured speed: give either tpotMs (ms per output token) or tokensPerSecondPerUser, not both'],
    [{ cardId: 'nvidia-h20-96gb', model: { id: 'qwq-32b' }, tpotMs: -5, batch: 1, tp: 1 }, 'measured speed: time per output token must be between 0.1 and 60,000 ms (got -5 ms)'],
    [{ cardId: 'nvidia-h20-96gb', model: { id: 'qwq-32b' }, tpotMs: 40, batch: 2.5, tp: 1 }, 'measured speed: batch (users decoding together) must be a whole number from 1 to 4,096 (got 2.5)'],
    [{ cardId: 'nvidia-h20-96gb', model: { id: 'no-such-model' }, tpotMs: 40, batch: 1, tp: 1 }, /unknown model id "no-such-model"/],
  ])('refuses %j in one line, and stores nothing', async (payload, message) => {
    const file = path.join(tempDir(), 'bad.db');
    const ctx = open(file);
    saveMeasuredSpeed(ctx, { cardId: 'nvidia-h20-96gb', model: { id: 'qwq-32b' }, tpotMs: 30, batch: 8, tp: 1 });
    const before = fs.readFileSync(file);
    const result = await dispatch(ctx, 'speed:save', payload);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      if (typeof message === 'string') expect(result.error.message).toBe(message);
      else expect(result.error.message).toMatch(message);
      expect(result.error.message).not.toContain('\n');
    }
    expect(listMeasuredSpeeds(ctx)).toEqual([expect.objectContaining({ cardId: 'nvidia-h20-96gb', tpotMs: 30, batch: 8 })]);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    ctx.db.close();
  });
});
