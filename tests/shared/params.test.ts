import { describe, expect, it } from 'vitest';
import { BUILTIN_MODELS, builtinModel } from '../../shared/model/catalog.ts';
import { describeModel } from '../../shared/model/from-config.ts';
import { paramCount } from '../../shared/model/params.ts';

// Exact counts copied from the project's reference param_counts.json: keras-hub presets
// (Llama-3.1-8B, Llama-2-7B, Mistral-7B, Qwen2.5-32B/72B-Instruct) and counts checked against the
// published configs for the others. Tolerance: none, to the parameter.
const EXACT: [string, number, number][] = [
  ['qwq-32b', 32_763_876_352, 31_206_740_992],
  ['qwq-32b-preview', 32_763_876_352, 31_206_740_992],
  ['qwen2.5-7b-instruct', 7_615_616_512, 6_525_621_760],
  ['qwen2.5-14b', 14_770_033_664, 13_212_898_304],
  ['qwen2.5-32b-instruct', 32_763_876_352, 31_206_740_992],
  ['qwen2.5-72b-instruct', 72_706_203_648, 70_214_787_072],
  ['llama-3.1-8b', 8_030_261_248, 6_979_588_096],
  ['llama-3.1-70b', 70_553_706_496, 68_452_360_192],
  ['llama-3.1-405b', 405_853_388_800, 401_650_696_192],
  ['llama-2-7b', 6_738_415_616, 6_476_271_616],
  ['mistral-7b-v0.1', 7_241_732_096, 6_979_588_096],
  ['glm-4-9b-chat', 9_399_951_360, 8_158_437_376],
  ['yi-34b-chat-4bits', 34_388_917_248, 33_471_413_248],
  ['internlm2.5-7b', 7_737_708_544, 6_979_588_096],
];

describe('exact parameter counts', () => {
  it.each(EXACT)('%s has %i parameters (%i non-embedding)', (id, total, nonEmbedding) => {
    const count = paramCount(builtinModel(id));
    expect(count.total).toBe(total);
    expect(count.nonEmbedding).toBe(nonEmbedding);
    expect(count.active).toBe(total); // dense
  });

  it('is not the published "32.5B" for Qwen2.5-32B: the model card rounds down by 0.26B', () => {
    expect(paramCount(builtinModel('qwen2.5-32b')).total - 32_500_000_000).toBe(263_876_352);
  });
});

// Published totals and activated counts (model cards and papers), which are rounded: each is
// checked to the precision it was published with.
const PUBLISHED: [string, number, number, number][] = [
  // id, published total, published active, tolerance (absolute, parameters)
  ['deepseek-v3', 671e9, 37e9, 0.6e9], // DeepSeek-V3 report: 671B total, 37B activated (MTP module excluded)
  ['deepseek-r1', 671e9, 37e9, 0.6e9],
  ['mixtral-8x7b-v0.1', 46.7e9, 12.9e9, 0.05e9], // Mistral AI, "Mixtral of experts": 46.7B total, 12.9B active
  ['qwen3-30b-a3b', 30.5e9, 3.3e9, 0.06e9], // Qwen3 model card: 30.5B total, 3.3B activated
  ['qwen3-235b-a22b', 235e9, 22e9, 0.2e9], // Qwen3 model card: 235B total, 22B activated
  ['gemma-2-9b', 9.24e9, 9.24e9, 0.005e9], // 9,241,705,984 on the model page
  ['gemma-2-27b', 27.2e9, 27.2e9, 0.05e9],
  ['phi-3-mini-4k-instruct', 3.8e9, 3.8e9, 0.05e9], // "3.8B parameters"
];

describe('MoE, tied and other published counts', () => {
  it.each(PUBLISHED)('%s ≈ %d total, %d active', (id, total, active, tolerance) => {
    const count = paramCount(builtinModel(id));
    expect(Math.abs(count.total - total)).toBeLessThanOrEqual(tolerance);
    expect(Math.abs(count.active - active)).toBeLessThanOrEqual(tolerance);
  });

  it('DeepSeek-V2-Lite: 15.7B total, 2.4B activated not counting the embedding (DeepSeek-V2 paper)', () => {
    const count = paramCount(builtinModel('deepseek-v2-lite'));
    expect(Math.round(count.total / 1e8) / 10).toBe(15.7);
    const embedding = 102_400 * 2_048;
    // 2.45B: at the edge of what "2.4B" rounds from, so ±0.06B.
    expect(Math.abs(count.active - embedding - 2.4e9)).toBeLessThanOrEqual(0.06e9);
  });

  it('Gemma 2 ties the LM head to the embedding: counted once', () => {
    const count = paramCount(builtinModel('gemma-2-9b'));
    expect(count.embedding).toBe(256_000 * 3_584);
  });

  it('every built-in model describes without error: decoders above 1B parameters, encoders above 10M', () => {
    for (const model of BUILTIN_MODELS) {
      const spec = builtinModel(model.id);
      expect(paramCount(spec).total, model.id).toBeGreaterThan(spec.encoder ? 1e7 : model.kind ? 5e8 : 1e9);
    }
  });
});

describe('describeModel', () => {
  const qwq = BUILTIN_MODELS.find((m) => m.id === 'qwq-32b')!.config;

  it('reads QwQ-32B as 64 layers, 40 query heads, 8 KV heads, and no sliding window (use_sliding_window false)', () => {
    const spec = describeModel(qwq);
    expect([spec.layers, spec.heads, spec.kvHeads, spec.headDim]).toEqual([64, 40, 8, 128]);
    expect(spec.slidingWindow).toBeNull();
    expect(spec.warnings).toEqual([]);
  });

  it('keeps Qwen3-32B head_dim 128 from the config (hidden/heads would say 80)', () => {
    const spec = builtinModel('qwen3-32b');
    expect(spec.hiddenSize / spec.heads).toBe(80);
    expect(spec.headDim).toBe(128);
  });

  it('reads GLM-4 KV groups from multi_query_group_num and Gemma 2 windows as alternating', () => {
    expect(builtinModel('glm-4-9b-chat').kvHeads).toBe(2);
    expect(builtinModel('gemma-2-9b').slidingWindow).toEqual({ window: 4096, layers: 'alternate' });
  });

  it('falls back to the generic decoder fields for an unknown model_type, with a warning', () => {
    const spec = describeModel({ ...qwq, model_type: 'my_new_arch' });
    expect(spec.layers).toBe(64);
    expect(spec.warnings[0]).toMatch(/model_type "my_new_arch" is not one CardPlan knows/);
  });

  it.each([
    [{ ...qwq, num_attention_heads: '40' }, 'describeModel: config field num_attention_heads must be an integer ≥ 1 (got "40")'],
    [{ ...qwq, num_key_value_heads: -8 }, 'describeModel: config field num_key_value_heads must be an integer ≥ 1 (got -8)'],
    [{ ...qwq, num_key_value_heads: 7 }, 'describeModel: num_attention_heads 40 must be a multiple of the KV heads 7'],
    [{ ...qwq, num_hidden_layers: undefined }, 'describeModel: config.json has none of num_hidden_layers, num_layers, n_layer'],
    [[1, 2], 'describeModel: config.json must be a JSON object'],
    [{ ...qwq, hidden_size: 5121 }, 'describeModel: hidden_size 5121 is not a multiple of num_attention_heads 40 and no head_dim is given'],
  ])('refuses a malformed config in one line', (config, message) => {
    expect(() => describeModel(config)).toThrow(message);
  });
});
