/**
 * Properties of the sizing core over generated inputs (fast-check): no NaN, Infinity or negative
 * bytes anywhere; memory grows with context and with concurrency; tensor-parallel shares add back
 * up to the whole.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cardMemory } from '../../shared/catalog/card-memory.ts';
import { BUILTIN_MODELS, builtinModel } from '../../shared/model/catalog.ts';
import { kvBytesOnCard, prepareSizing, sizeWorkload, type Workload } from '../../shared/memory/size.ts';
import { ENGINES } from '../../shared/memory/engines.ts';
import { KV_DTYPES, WEIGHT_FORMATS } from '../../shared/memory/precision.ts';
import { validTensorParallel } from '../../shared/plan/plan.ts';

const ids = BUILTIN_MODELS.map((m) => m.id);
const workload = fc.record({
  weights: fc.constantFrom(...WEIGHT_FORMATS),
  kvDtype: fc.constantFrom(...KV_DTYPES),
  contextTokens: fc.integer({ min: 1, max: 200_000 }),
  concurrency: fc.integer({ min: 1, max: 512 }),
  engine: fc.constantFrom(...ENGINES),
  mode: fc.constantFrom('inference' as const, 'train-full' as const, 'train-lora' as const, 'train-qlora' as const),
});

const sane = (n: number) => Number.isSafeInteger(n) && n >= 0;
// Training an encoder (bge-m3 and kin) is refused with its own message (tests/shared/encoders.test.ts).
const inferenceForEncoders = <T extends { mode: Workload['mode'] }>(id: string, w: T): T => (builtinModel(id).encoder ? { ...w, mode: 'inference' } : w);

describe('sizing core properties', () => {
  it('every byte figure is a finite, non-negative integer, whole and per card', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ids), workload, fc.constantFrom(1, 2, 4, 8), fc.integer({ min: 1, max: 4 }), (id, w, tp, pp) => {
        const spec = builtinModel(id);
        const input: Workload = { ...inferenceForEncoders(id, w), forceContext: true };
        const split = validTensorParallel(spec, 8).includes(tp) && pp <= spec.layers ? { card: cardMemory('nvidia-h20-96gb'), tp, pp } : undefined;
        const r = sizeWorkload(spec, input, split);
        for (const v of Object.values(r.bytes)) expect(sane(v)).toBe(true);
        for (const t of r.breakdown) expect(sane(t.bytes)).toBe(true);
        if (r.perCard) for (const v of Object.values(r.perCard.bytes)) expect(sane(v)).toBe(true);
        expect(Number.isFinite(r.engineResult?.maxConcurrency ?? 0)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('never needs less memory for a longer context or more concurrent users', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ids), workload, fc.integer({ min: 1, max: 50_000 }), fc.integer({ min: 0, max: 64 }), (id, drawn, moreTokens, moreUsers) => {
        const spec = builtinModel(id);
        const w = inferenceForEncoders(id, drawn);
        const base = sizeWorkload(spec, { ...w, forceContext: true }).bytes.total;
        const longer = sizeWorkload(spec, { ...w, contextTokens: w.contextTokens + moreTokens, forceContext: true }).bytes.total;
        const busier = sizeWorkload(spec, { ...w, concurrency: w.concurrency + moreUsers, forceContext: true }).bytes.total;
        expect(longer).toBeGreaterThanOrEqual(base);
        expect(busier).toBeGreaterThanOrEqual(base);
      }),
      { numRuns: 400 },
    );
  });

  it('tensor-parallel KV shares add back up to the whole (more when KV heads or MLA latents are replicated)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ids), fc.integer({ min: 1, max: 64_000 }), fc.integer({ min: 1, max: 32 }), (id, contextTokens, concurrency) => {
        const spec = builtinModel(id);
        const p = prepareSizing(spec, { contextTokens, concurrency, forceContext: true });
        const whole = kvBytesOnCard(p, 1, 1);
        for (const tp of validTensorParallel(spec, 8)) {
          const sum = kvBytesOnCard(p, tp, 1) * tp;
          const replicated = !!spec.mla || tp > spec.kvHeads;
          if (replicated) expect(sum).toBeGreaterThanOrEqual(whole);
          else expect(Math.abs(sum - whole)).toBeLessThanOrEqual(tp); // rounding up, at most 1 B per card
        }
      }),
      { numRuns: 200 },
    );
  });
});
