/**
 * The sizing core against published measurements. Each suite prints its median and worst error.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cardMemory } from '../../shared/catalog/card-memory.ts';
import { builtinModel } from '../../shared/model/catalog.ts';
import type { WeightFormat } from '../../shared/memory/precision.ts';
import { sizeWorkload } from '../../shared/memory/size.ts';
import { BYTES_PER_GIB } from '../../shared/units.ts';

const load = (file: string) => JSON.parse(fs.readFileSync(`tests/fixtures/measured/${file}`, 'utf8'));

function summary(errors: number[]): { median: number; worst: number } {
  const sorted = [...errors].map(Math.abs).sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, worst: sorted[sorted.length - 1]! };
}

describe('transformers peak memory vs the Qwen2.5 benchmark (A100 80GB, batch 1, +2048 tokens)', () => {
  // The 14B row uses the base model's config (the Instruct model shares its architecture).
  const MODELS: Record<string, string> = {
    'Qwen2.5-7B-Instruct': 'qwen2.5-7b-instruct',
    'Qwen2.5-14B-Instruct': 'qwen2.5-14b',
    'Qwen2.5-32B-Instruct': 'qwen2.5-32b-instruct',
    'Qwen2.5-72B-Instruct': 'qwen2.5-72b-instruct',
  };
  const FORMATS: Record<string, WeightFormat> = { BF16: 'bf16', 'GPTQ-Int8': 'gptq-int8', 'GPTQ-Int4': 'gptq-int4', AWQ: 'awq-int4' };
  const rows = load('qwen2.5_speed_benchmark_transformers.json').rows.filter((r: any) => MODELS[r.model]);

  it('predicts every row (4 models × 4 formats × 4 input lengths) within 3%, with the transformers 4.46 profile', () => {
    expect(rows).toHaveLength(64);
    const errors = rows.map((row: any) => {
      const r = sizeWorkload(builtinModel(MODELS[row.model]!), {
        weights: FORMATS[row.quantization],
        engine: 'transformers',
        engineVersion: '4.46',
        attention: 'flash_attention_2',
        contextTokens: row.input_length + row.output_length,
        promptTokens: row.input_length,
        forceContext: true,
      });
      expect(r.breakdown.find((t) => t.term === 'activations')!.formula).toMatch(/^transformers 4\.46: /);
      // The table is peak *allocated* memory summed over GPUs: no CUDA context, no safety buffer,
      // but PyTorch's cuBLAS workspace. With device_map="auto" each GPU runs its layers over the
      // whole prompt, so activations and the workspace count once per GPU.
      const workspace = r.breakdown.find((t) => t.term === 'overhead')!.inputs.cublasWorkspaceBytes as number;
      const predicted = r.bytes.weights + r.bytes.kvCache + row.gpu_count * (r.bytes.activations + workspace);
      const error = predicted / (row.gpu_memory * BYTES_PER_GIB) - 1;
      expect(Math.abs(error), `${row.model} ${row.quantization} ${row.input_length}`).toBeLessThan(0.03);
      return error;
    });
    const { median, worst } = summary(errors);
    console.log(`transformers 4.46 peak vs Qwen2.5 table: median error ${(median * 100).toFixed(2)}%, worst ${(worst * 100).toFixed(2)}% over ${errors.length} rows`);
  });
});

describe('transformers 4.51 decode phase vs the Qwen3 benchmark (H20 96GB, Qwen3-8B, batch 1, +2048 tokens)', () => {
  // This table's memory grows by exactly the KV cache per prompt token (BF16, FP8 rows): it holds
  // no prefill working set, which a one-pass prefill of 30,720 tokens must allocate (≈ 2.1 GiB of
  // MLP tensors for Qwen3-8B) and a whole-run peak would show. It reports the decode phase, and is
  // compared with CardPlan's decode-phase figure; the peak is checked on the Qwen2.5 table above.
  // FlashAttention 2 for the BF16/FP8 rows; the AutoAWQ environment lists none, so SDPA.
  const FORMATS: Record<string, [WeightFormat, 'sdpa' | 'flash_attention_2']> = { BF16: ['bf16', 'flash_attention_2'], FP8: ['fp8-block', 'flash_attention_2'], 'AWQ-INT4': ['awq-int4', 'sdpa'] };
  const rows = load('qwen3_speed_benchmark_transformers_8b.json').rows;

  it('predicts every row (BF16, FP8, AWQ × 4 input lengths) within 3%', () => {
    expect(rows).toHaveLength(12);
    const errors = rows.map((row: any) => {
      const [weights, attention] = FORMATS[row.quantization]!;
      const r = sizeWorkload(builtinModel('qwen3-8b'), { weights, engine: 'transformers', engineVersion: '4.51', attention, contextTokens: row.input_length + row.output_length, promptTokens: row.input_length });
      // The column is MiB (see the fixture's unit check).
      const error = r.transformers!.decodePhaseBytes / (row.gpu_memory * 2 ** 20) - 1;
      expect(Math.abs(error), `${row.quantization} ${row.input_length}`).toBeLessThan(0.03);
      return error;
    });
    const { median, worst } = summary(errors);
    console.log(`transformers 4.51 decode phase vs Qwen3 table: median error ${(median * 100).toFixed(2)}%, worst ${(worst * 100).toFixed(2)}% over ${errors.length} rows`);
  });

  it('and the peak of the same runs, which the table does not show, is the decode phase plus the prefill working set', () => {
    // Qwen3-8B BF16, 30,720-token prompt: the prefill holds 30,720 × (3 × 12,288 + 4 × 4,096) × 2 B
    // = 3,271,557,120 B of one layer's tensors while the cache holds the prompt only.
    const r = sizeWorkload(builtinModel('qwen3-8b'), { engine: 'transformers', contextTokens: 32_768, promptTokens: 30_720 });
    const kvNotYet = 2048 * 147_456;
    const logits = 151_936 * 4;
    expect(r.bytes.activations).toBe(3_271_557_120 - kvNotYet + logits);
  });
});

describe('vLLM KV pool vs vLLM logs (H100 80GB, 79.19 GiB)', () => {
  const h100 = cardMemory('nvidia-h100-sxm5-80gb');

  it('reproduces the usable memory vLLM reports for an H100', () => {
    expect(h100.usableBytes / BYTES_PER_GIB).toBeCloseTo(79.19, 2);
  });

  // The pool is compared with the memory that holds the tokens vLLM reported (tokens × bytes per
  // token per rank). With pipeline parallelism the logged GiB come from one rank while the token
  // count is set by the fullest rank (the last, with the LM head and the sampler), so the token
  // count is the figure to match.
  const cases: { label: string; id: string; version: string; weights: WeightFormat; kv: 'auto' | 'fp8'; tp: number; pp: number; util: number; context: number; tokens: number; perTokenPerRank: number }[] = [];
  for (const row of load('llm-d-planner_vllm0.19_h100_subset.json').rows) {
    if (row.model !== 'meta-llama/Llama-3.1-8B-Instruct' || row.status !== 'ok') continue;
    const weights: WeightFormat = row.quantization === 'fp8' ? 'fp8' : row.dtype === 'torch.float32' ? 'fp32' : row.dtype === 'torch.float16' ? 'fp16' : 'bf16';
    const kvBytes = row.kv_cache_dtype === 'fp8' ? 1 : weights === 'fp32' ? 4 : 2;
    cases.push({
      label: `Llama-3.1-8B ${weights} kv ${row.kv_cache_dtype} tp${row.tp} pp${row.pp} len ${row.max_model_len}`,
      id: 'llama-3.1-8b',
      version: '0.19',
      weights,
      kv: row.kv_cache_dtype,
      tp: row.tp,
      pp: row.pp,
      util: row.gpu_memory_utilization,
      context: row.max_model_len,
      tokens: row.kv_cache_tokens,
      perTokenPerRank: (32 / row.pp) * 2 * (8 / row.tp) * 128 * kvBytes,
    });
  }
  for (const row of load('llm-d-planner_empirical_vllm0.11_h100.json').rows) {
    const id = { 'Llama-3.1-8B': 'llama-3.1-8b', 'Qwen3-32B': 'qwen3-32b' }[row.model as string];
    if (!id) continue;
    // 0.11 rows give GiB only: Llama-3.1-8B 32 × 2 × 8 × 128 × 2 B, Qwen3-32B 64 × 2 × 8 × 128 × 2 B per token.
    const perToken = (id === 'llama-3.1-8b' ? 131_072 : 262_144) / row.tp;
    cases.push({
      label: `${row.model} vLLM 0.11 tp${row.tp}`,
      id,
      version: '0.11',
      weights: 'bf16',
      kv: 'auto',
      tp: row.tp,
      pp: 1,
      util: row.gpu_memory_utilization,
      context: row.max_model_len,
      tokens: Math.round((row.kv_cache_gib * BYTES_PER_GIB) / perToken),
      perTokenPerRank: perToken,
    });
  }

  it(`predicts the KV pool of all ${cases.length} measured rows within 0.5 GiB`, () => {
    expect(cases.length).toBe(17); // 14 Llama-3.1-8B rows of vLLM 0.19, 3 rows of vLLM 0.11
    const errors = cases.map((c) => {
      const r = sizeWorkload(builtinModel(c.id), { weights: c.weights, kvDtype: c.kv, contextTokens: c.context, engine: 'vllm', engineVersion: c.version, gpuMemoryUtilization: c.util }, { card: h100, tp: c.tp, pp: c.pp });
      const measured = c.tokens * c.perTokenPerRank;
      const error = (r.engineResult!.kvPoolBytes - measured) / BYTES_PER_GIB;
      expect(Math.abs(error), c.label).toBeLessThan(0.5);
      return error;
    });
    const { median, worst } = summary(errors);
    console.log(`vLLM KV pool vs logs: median error ${median.toFixed(3)} GiB, worst ${worst.toFixed(3)} GiB over ${errors.length} rows`);
  });

  it('turns the pool into tokens and concurrency as vLLM does (Llama-3.1-8B bf16, TP1, 8192 tokens: 476,016 tokens, 58.11×)', () => {
    const r = sizeWorkload(builtinModel('llama-3.1-8b'), { contextTokens: 8192, engine: 'vllm', gpuMemoryUtilization: 0.95 }, { card: h100, tp: 1, pp: 1 });
    expect(Math.abs(r.engineResult!.kvCacheTokens / 476_016 - 1)).toBeLessThan(0.005);
    expect(r.engineResult!.kvCacheTokens % 16).toBe(0);
    expect(r.engineResult!.maxConcurrency).toBeCloseTo(58.11, 0);
  });

  it('finds no room on one H100 for Qwen3-32B bf16 at 0.9 utilization with vLLM 0.11 at 32K (the logged failure is at 32,000)', () => {
    const r = sizeWorkload(builtinModel('qwen3-32b'), { contextTokens: 32_000, engine: 'vllm', engineVersion: '0.11', gpuMemoryUtilization: 0.9 }, { card: h100, tp: 1, pp: 1 });
    expect(r.perCard!.fits).toBe(false); // 4.45 GiB pool ≈ 18K tokens < 32,000
  });
});
