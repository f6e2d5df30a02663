import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinModel } from '../../shared/model/catalog.ts';
import { kvCacheBytesPerSequence, kvCacheBytesPerToken } from '../../shared/memory/kv-cache.ts';
import { ruleOfThumb } from '../../shared/memory/rule-of-thumb.ts';
import { sizeWorkload } from '../../shared/memory/size.ts';
import { quantizedLinearBytes, weightsBytes } from '../../shared/memory/weights.ts';
import { BYTES_PER_GIB } from '../../shared/units.ts';

describe('KV cache per token', () => {
  // The golden values, which vLLM's logs imply (pool bytes ÷ tokens that fit).
  it.each([
    ['llama-3.1-8b', 131_072], // 32 layers × 2 × 8 KV heads × 128 × 2 B
    ['qwen2.5-7b', 57_344], // 28 × 2 × 4 × 128 × 2
    ['deepseek-v2-lite', 31_104], // MLA: 27 × (512 + 64) × 2
    ['qwq-32b', 262_144], // 64 × 2 × 8 × 128 × 2
  ])('%s: %i bytes', (id, bytes) => {
    expect(kvCacheBytesPerToken(builtinModel(id), 'auto')).toBe(bytes);
  });

  it('agrees with the bytes per token implied by vLLM 0.19 measurements (pool GiB ÷ tokens, 2-decimal GiB)', () => {
    const rows = JSON.parse(fs.readFileSync('tests/fixtures/measured/llm-d-planner_vllm0.19_h100_subset.json', 'utf8')).rows;
    const llama = rows.find((r: any) => r.model === 'meta-llama/Llama-3.1-8B-Instruct' && r.kv_cache_dtype === 'auto' && r.tp === 1 && r.pp === 1 && r.dtype === 'torch.bfloat16');
    const implied = (llama.kv_cache_memory_gib * BYTES_PER_GIB) / llama.kv_cache_tokens;
    expect(Math.abs(implied / 131_072 - 1)).toBeLessThan(0.001);
    // FP8 KV doubles the tokens in the same memory.
    const fp8 = rows.find((r: any) => r.model === 'meta-llama/Llama-3.1-8B-Instruct' && r.kv_cache_dtype === 'fp8');
    expect(kvCacheBytesPerToken(builtinModel('llama-3.1-8b'), 'fp8')).toBe(65_536);
    expect(Math.abs((fp8.kv_cache_memory_gib * BYTES_PER_GIB) / fp8.kv_cache_tokens / 65_536 - 1)).toBeLessThan(0.001);
  });

  it('caps sliding-window layers at the window: Gemma 2 alternates, Mistral 7B v0.1 windows every layer', () => {
    const gemma = builtinModel('gemma-2-9b'); // 42 layers, 8 KV heads × 256, window 4096 on 21 of them
    expect(kvCacheBytesPerSequence(gemma, 8192, 'auto')).toBe(2 * 8 * 256 * 2 * (21 * 8192 + 21 * 4096));
    const mistral = builtinModel('mistral-7b-v0.1'); // 32 layers, 8 KV heads × 128, window 4096
    expect(kvCacheBytesPerSequence(mistral, 16_000, 'auto')).toBe(32 * 2 * 8 * 128 * 2 * 4096);
    expect(kvCacheBytesPerSequence(mistral, 1000, 'auto')).toBe(32 * 2 * 8 * 128 * 2 * 1000);
  });

  it('ignores the window QwQ-32B ships with use_sliding_window: false', () => {
    expect(kvCacheBytesPerSequence(builtinModel('qwq-32b'), 40_000, 'auto')).toBe(262_144 * 40_000);
  });
});

describe("the seed article's rule of thumb, and what the real config gives", () => {
  it('reproduces the article exactly: 32e9 params fp16, 40 layers × 64 heads × 128, 16,000 tokens', () => {
    const seed = ruleOfThumb({ params: 32e9, bytesPerParam: 2, layers: 40, heads: 64, headDim: 128, contextTokens: 16_000 });
    expect(seed.weightsBytes).toBe(64_000_000_000);
    expect(seed.kvCacheBytes).toBe(20_971_520_000);
    expect(seed.kvCacheBytes / BYTES_PER_GIB).toBeCloseTo(19.53, 2); // the article's "19.53 GB" is GiB
    expect(seed.totalBytes).toBe(Math.round((64_000_000_000 + 20_971_520_000) * 1.2));
    expect(ruleOfThumb({ params: 32e9, bytesPerParam: 2, layers: 40, heads: 64, headDim: 128, contextTokens: 16_000, training: true }).weightsBytes).toBe(128_000_000_000);
  });

  it('QwQ-32B as configured (64 layers, 8 KV heads) needs 4,194,304,000 B of KV at 16,000 tokens, a fifth of the article', () => {
    const real = sizeWorkload(builtinModel('qwq-32b'), { contextTokens: 16_000, weights: 'fp16' });
    expect(real.bytes.kvCache).toBe(4_194_304_000);
    expect(real.breakdown.find((t) => t.term === 'kv-cache')!.inputs).toMatchObject({ layers: 64, kvHeads: 8, headDim: 128 });
    const rot = sizeWorkload(builtinModel('qwq-32b'), { contextTokens: 16_000, weights: 'fp16', method: 'rule-of-thumb' });
    // The rule of thumb on the real config still ignores GQA: 64 × 2 × 40 heads × 128 × 2 B × 16,000.
    expect(rot.bytes.kvCache).toBe(64 * 2 * 40 * 128 * 2 * 16_000);
    expect(rot.bytes.weights).toBe(32_763_876_352 * 2);
    expect(rot.warnings).toContain(
      'the rule of thumb counts every attention head as a KV head; the model has 8 KV heads for 40 attention heads (GQA): the detailed KV cache is 4,194,304,000 bytes',
    );
  });
});

describe('weights by format', () => {
  const qwq = builtinModel('qwq-32b');

  it('16-bit weights are exactly params × 2 B, fp32 × 4 B', () => {
    expect(weightsBytes(qwq, 'bf16').total).toBe(32_763_876_352 * 2);
    expect(weightsBytes(qwq, 'fp32').total).toBe(32_763_876_352 * 4);
  });

  it('group-wise formats add their scales and zeros (hand calculation for one 4096 × 4096 layer)', () => {
    // AWQ: 4096·4096/2 packed + 32 groups × 4096 rows × (0.5 B zero + 2 B scale)
    expect(quantizedLinearBytes(4096, 4096, 'awq-int4', 128)).toBe(8_388_608 + 65_536 + 262_144);
    // GPTQ adds a 4-byte g_idx per input column.
    expect(quantizedLinearBytes(4096, 4096, 'gptq-int4', 128)).toBe(8_388_608 + 65_536 + 262_144 + 16_384);
    // FP8 with 128×128 block scales: 32 × 32 fp32 scales.
    expect(quantizedLinearBytes(4096, 4096, 'fp8-block')).toBe(16_777_216 + 4096);
    expect(quantizedLinearBytes(4096, 4096, 'mxfp4')).toBe(8_388_608 + 524_288);
    expect(quantizedLinearBytes(4096, 4096, 'nvfp4')).toBe(8_388_608 + 1_048_576 + 4);
  });

  it('keeps the embedding and LM head at 16 bits when quantizing', () => {
    const int4 = weightsBytes(qwq, 'awq-int4');
    expect(int4.unquantized).toBeGreaterThanOrEqual(2 * 152_064 * 5_120 * 2); // embedding + lm_head in bf16
    expect(int4.embedding).toBe(152_064 * 5_120 * 2);
  });

  it("reads the default format from quantization_config: Yi-34B-Chat-4bits is AWQ, DeepSeek-V3 block FP8", () => {
    expect(sizeWorkload(builtinModel('yi-34b-chat-4bits'), { contextTokens: 1024 }).weightFormat).toBe('awq-int4');
    const v3 = sizeWorkload(builtinModel('deepseek-v3'), { contextTokens: 1024 });
    expect(v3.weightFormat).toBe('fp8-block');
    // Hand calculation: 1 B per quantized weight, + 2 B for the 16-bit rest (embedding and LM head
    // 2 × 129,280 × 7,168, norms, routers), + an fp32 scale per 128 × 128 block (4 / 16,384 B per weight).
    const params = 671_026_419_200;
    const sixteenBit = 2 * 129_280 * 7_168;
    const lower = params + sixteenBit; // the 16-bit part counted twice
    expect(v3.bytes.weights).toBeGreaterThan(lower);
    expect(v3.bytes.weights).toBeLessThan(lower + params * (4 / 16_384) * 1.05 + 2e9);
  });
});
