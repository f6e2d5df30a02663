import { describe, expect, it } from 'vitest';
import { cardMemory } from '../../shared/catalog/card-memory.ts';
import { builtinModel } from '../../shared/model/catalog.ts';
import { manualModel } from '../../shared/model/manual.ts';
import { sizeWorkload } from '../../shared/memory/size.ts';
import { loraParams } from '../../shared/memory/training.ts';

const llama8b = builtinModel('llama-3.1-8b');
const P8 = 8_030_261_248;

describe('training', () => {
  it('full fine-tune with mixed-precision Adam keeps 16 bytes per parameter (ZeRO paper: 2 + 2 + 12)', () => {
    const r = sizeWorkload(llama8b, { mode: 'train-full', contextTokens: 2048 });
    const term = (name: string) => r.breakdown.find((t) => t.term === name)!.bytes;
    expect(term('weights')).toBe(2 * P8);
    expect(term('gradients')).toBe(2 * P8);
    expect(term('optimizer')).toBe(12 * P8);
    expect(r.bytes.weights).toBe(16 * P8); // the weights bucket carries the whole training state
    expect(r.bytes.kvCache).toBe(0);
  });

  it('ZeRO-1/2/3 shard optimizer, then gradients, then weights over the data-parallel cards', () => {
    const state = (zeroStage: 0 | 1 | 2 | 3) => sizeWorkload(llama8b, { mode: 'train-full', contextTokens: 2048, zeroStage, dataParallel: 8 }).bytes.weights;
    expect(state(1)).toBe(2 * P8 + 2 * P8 + Math.ceil((12 * P8) / 8));
    expect(state(2)).toBe(2 * P8 + Math.ceil((2 * P8) / 8) + Math.ceil((12 * P8) / 8));
    expect(state(3)).toBe(Math.ceil((2 * P8) / 8) * 2 + Math.ceil((12 * P8) / 8));
  });

  it('LoRA r=16 on q, k, v, o of Llama-3-8B trains 13,631,488 parameters (what PEFT prints)', () => {
    expect(loraParams(llama8b, 16, 'attention')).toBe(13_631_488);
  });

  it('QLoRA stores the base in NF4: about a quarter of the bf16 LoRA base', () => {
    const lora = sizeWorkload(llama8b, { mode: 'train-lora', contextTokens: 2048 }).breakdown[0]!.bytes;
    const qlora = sizeWorkload(llama8b, { mode: 'train-qlora', contextTokens: 2048 }).breakdown[0]!.bytes;
    // linear weights at 4.127 bits instead of 16; embedding and LM head stay 16-bit (2 × 525M × 2 B)
    expect(qlora).toBeLessThan(lora * 0.45);
    expect(qlora).toBeGreaterThan(2 * 128_256 * 4096 * 2);
  });

  it('activation checkpointing cuts activations (Korthikanti: 34·s·b·h per layer → 2·s·b·h)', () => {
    const without = sizeWorkload(llama8b, { mode: 'train-full', contextTokens: 4096, activationCheckpointing: false }).bytes.activations;
    const withCkpt = sizeWorkload(llama8b, { mode: 'train-full', contextTokens: 4096, activationCheckpointing: true }).bytes.activations;
    expect(without).toBe(32 * 34 * 4096 * 4096 + 8 * 4096 * 128_256);
    expect(withCkpt).toBe(32 * 2 * 4096 * 4096 + 34 * 4096 * 4096 + 8 * 4096 * 128_256);
  });
});

describe('splitting over cards', () => {
  const h100 = cardMemory('nvidia-h100-sxm5-80gb');

  it('Llama-3.1-70B bf16 at 4 × 8K does not fit one H100; TP 4 quarters weights and KV per card and fits', () => {
    const model = builtinModel('llama-3.1-70b');
    const one = sizeWorkload(model, { contextTokens: 8192, concurrency: 4 }, { card: h100, tp: 1, pp: 1 });
    expect(one.perCard!.fits).toBe(false);
    const two = sizeWorkload(model, { contextTokens: 8192, concurrency: 4 }, { card: h100, tp: 4, pp: 1 });
    expect(two.perCard!.cards).toBe(4);
    expect(two.perCard!.bytes.weights).toBe(Math.ceil(one.perCard!.bytes.weights / 4));
    expect(two.perCard!.bytes.kvCache).toBe(one.perCard!.bytes.kvCache / 4);
    expect(two.perCard!.fits).toBe(true);
  });

  it('replicates KV heads past their count and MLA latents on every rank', () => {
    const qwen = builtinModel('qwen2.5-7b'); // 4 KV heads
    const tp1 = sizeWorkload(qwen, { contextTokens: 1024 }, { card: h100, tp: 1, pp: 1 });
    expect(() => sizeWorkload(qwen, { contextTokens: 1024 }, { card: h100, tp: 3, pp: 1 })).toThrow('tp 3 must divide the 28 attention heads');
    const r = sizeWorkload(builtinModel('qwen2.5-14b'), { contextTokens: 1024 }, { card: h100, tp: 8, pp: 1 }); // 8 KV heads
    expect(r.perCard!.bytes.kvCache).toBe(r.bytes.kvCache / 8);
    expect(tp1.warnings).toEqual([]);
    const lite = builtinModel('deepseek-v2-lite');
    const mla = sizeWorkload(lite, { contextTokens: 1024 }, { card: h100, tp: 2, pp: 1 });
    expect(mla.perCard!.bytes.kvCache).toBe(mla.bytes.kvCache); // latent replicated
  });

  it('refuses a card id the catalog does not know', () => {
    expect(cardMemory('huawei-ascend-910c').nominalBytes).toBe(128 * 2 ** 30);
    expect(() => cardMemory('nvidia-h9000')).toThrow(/unknown card id "nvidia-h9000"/);
  });
});

describe('explanations', () => {
  it('lists every term with bytes, formula and inputs, summing to the total', () => {
    const r = sizeWorkload(builtinModel('qwq-32b'), { contextTokens: 16_000, concurrency: 4 });
    expect(r.breakdown.map((t) => t.term)).toEqual(['weights', 'kv-cache', 'activations', 'overhead', 'buffer']);
    for (const t of r.breakdown) {
      expect(Number.isSafeInteger(t.bytes) && t.bytes >= 0).toBe(true);
      expect(t.formula.length).toBeGreaterThan(10);
      expect(t.formulaZh).toMatch(/[\u4e00-\u9fff]/); // every formula also in Chinese
    }
    expect(r.breakdown.reduce((a, t) => a + t.bytes, 0)).toBe(r.bytes.total);
    // The seed's 20% buffer on everything else.
    const rest = r.bytes.total - r.bytes.buffer;
    expect(r.bytes.buffer).toBe(Math.ceil(rest * 0.2));
  });

  it('spells bytes out in every formula: "B" is kept for billions of parameters', () => {
    const bge = builtinModel('bge-m3');
    const results = [
      sizeWorkload(llama8b, { mode: 'train-full', contextTokens: 2048 }),
      sizeWorkload(llama8b, { engine: 'transformers', weights: 'gptq-int4', contextTokens: 4096 }),
      sizeWorkload(llama8b, { engine: 'generic', contextTokens: 4096 }),
      sizeWorkload(bge, { kind: 'embedding', weights: 'fp16', contextTokens: 8192, concurrency: 32, engine: 'transformers' }),
    ];
    const formulas = results.flatMap((r) => r.breakdown.flatMap((t) => [t.formula, t.formulaZh]));
    expect(formulas.filter((f) => /\d B\b/.test(f))).toEqual([]);
    expect(formulas.some((f) => /\d bytes/.test(f))).toBe(true);
    expect(formulas.some((f) => /\d 字节/.test(f))).toBe(true);
  });
});

describe('bad and absurd input', () => {
  const qwq = builtinModel('qwq-32b');
  it.each([
    [{ contextTokens: -1 }, 'sizeWorkload: contextTokens must be a positive integer (got -1)'],
    [{ contextTokens: 1.5 }, 'sizeWorkload: contextTokens must be a positive integer (got 1.5)'],
    [{ concurrency: 0 }, 'sizeWorkload: concurrency must be a positive integer (got 0)'],
    [{ weights: 'int3' as never }, 'sizeWorkload: weights must be one of fp32, bf16, fp16, fp8, int8, int4, gptq-int8, gptq-int4, awq-int4, fp8-block, nvfp4, mxfp4 (got "int3")'],
    [{ gpuMemoryUtilization: 1.2 }, 'sizeWorkload: gpuMemoryUtilization must be a number in (0, 1] (got 1.2)'],
    [{ gpuMemoryUtilization: 0 }, 'sizeWorkload: gpuMemoryUtilization must be a number in (0, 1] (got 0)'],
    [{ contextTokens: 200_000 }, "sizeWorkload: contextTokens 200000 is above the model's limit of 131072 (max_position_embeddings); force it to size anyway"],
    [{ safetyBufferFraction: Number.NaN }, 'sizeWorkload: safetyBufferFraction must be a finite number ≥ 0 (got NaN)'],
  ])('%j → one clear line', (workload, message) => {
    expect(() => sizeWorkload(qwq, workload)).toThrow(message);
  });

  it('1e12 tokens (forced) gives a clear error, never NaN or Infinity', () => {
    expect(() => sizeWorkload(qwq, { contextTokens: 1e12, forceContext: true })).toThrow(/too large to compute exactly/);
    const big = sizeWorkload(qwq, { contextTokens: 10_000_000, forceContext: true, concurrency: 10 });
    expect(Number.isSafeInteger(big.bytes.total)).toBe(true);
  });

  it('manual models need whole positive counts and heads divisible by KV heads', () => {
    expect(() => manualModel({ params: 32e9, layers: 64, heads: 40, kvHeads: 7, headDim: 128 })).toThrow('manualModel: heads 40 must be a multiple of kvHeads 7');
    const manual = manualModel({ params: 32e9, layers: 64, heads: 40, kvHeads: 8, headDim: 128 });
    expect(sizeWorkload(manual, { contextTokens: 16_000 }).bytes.kvCache).toBe(4_194_304_000);
    expect(sizeWorkload(manual, { contextTokens: 16_000 }).bytes.weights).toBe(64_000_000_000);
  });
});
