/**
 * Hugging Face transformers (`model.generate`) by version: what each keeps alive, so that the
 * memory of a prompt's prefill and of each decode step follows from the engine's mechanics rather
 * than from one fitted constant. Checked against Qwen's two published tables (tests/shared/
 * measured.test.ts): Qwen2.5 (4.46.0, A100, whole-run peak) and Qwen3 (4.51.3, H20, decode phase).
 *
 * What both versions do, with the evidence:
 * - **One-pass prefill**: `generate` runs the whole prompt through each layer at once, so a layer's
 *   working set at prompt length is alive at the peak — the unfused SwiGLU MLP's gate, up and
 *   product tensors (3 × intermediate) and four hidden-sized tensors (residual, norm output,
 *   attention output, MLP output), 2 bytes each (`prefillActivationBytes`). Layers run one after
 *   another and free as they go: one layer's working set, not all of them. 4.51 can chunk the
 *   prefill (`GenerationConfig.prefill_chunk_size`, default None: not chunked unless asked).
 * - **Last-position logits only** (`num_logits_to_keep`, transformers PR #31292, v4.45; renamed
 *   `logits_to_keep` around 4.49): vocab × 4 bytes (fp32) per sequence, not per prompt token.
 * - **Fused attention** (FlashAttention 2 or PyTorch SDPA): no tokens² score matrix. With SDPA,
 *   grouped-query models go through `repeat_kv`, which copies one layer's keys and values out to
 *   every query head for the step; FlashAttention 2 reads the grouped heads as they are.
 * - **DynamicCache grows by `torch.cat`**: each step copies one layer's keys next to the old ones
 *   before the old are freed.
 */
import { CardPlanError } from '../errors.ts';
import type { ModelSpec } from '../model/spec.ts';
import { BYTES_PER_MIB } from '../units.ts';

export const TRANSFORMERS_ATTENTION = ['sdpa', 'flash_attention_2'] as const;
/** transformers' `attn_implementation`: SDPA unless FlashAttention 2 is installed and asked for. */
export type TransformersAttention = (typeof TRANSFORMERS_ATTENTION)[number];

export interface TransformersProfile {
  version: string;
  /** Whether `generate` can prefill in chunks (`prefill_chunk_size`) to bound the prefill's working set. */
  prefillChunking: boolean;
  source: string;
}

export const TRANSFORMERS_PROFILES: Record<string, TransformersProfile> = {
  '4.46': {
    version: '4.46',
    prefillChunking: false,
    source: "Qwen2.5 speed benchmark (transformers 4.46.0, PyTorch 2.3.1, FlashAttention 2.5.8, A100 80GB): torch.cuda.max_memory_allocated over the whole generate (QwenLM speed_benchmark_transformers.py @8205ba2)",
  },
  '4.51': {
    version: '4.51',
    prefillChunking: true,
    source: 'Qwen3 speed benchmark (transformers 4.51.3, PyTorch 2.6.0, FlashAttention 2.7.4 / SDPA for AutoAWQ, H20 96GB): memory of the decode phase; GenerationConfig.prefill_chunk_size in 4.51.3, default None',
  },
};

export const DEFAULT_TRANSFORMERS_VERSION = '4.51';

export function transformersProfile(version: string | undefined): TransformersProfile {
  const v = version ?? DEFAULT_TRANSFORMERS_VERSION;
  const profile = TRANSFORMERS_PROFILES[v];
  if (!profile) throw new CardPlanError('invalid_input', `sizeWorkload: engineVersion ${JSON.stringify(v)} is not a transformers profile CardPlan knows; one of ${Object.keys(TRANSFORMERS_PROFILES).join(', ')}`);
  return profile;
}

/**
 * PyTorch's cuBLAS workspace, allocated through its caching allocator (so it counts in
 * `memory_allocated`): 32 MiB on Hopper and newer, `:4096:2:16:8` = 8 MiB + 128 KiB on earlier
 * GPUs (pytorch/pytorch#89027, in PyTorch since 2.0: ":4096:2:16:8 default, 32MiB for Hopper").
 * CardPlan counts the larger figure on every card (24 MiB too much on an A100); the Qwen3 table's
 * constant above weights and KV on an H20 is 33–36 MiB.
 */
export const CUBLAS_WORKSPACE_BYTES = 32 * BYTES_PER_MIB;

/**
 * Bytes one decode step holds for a moment, per token in the cache, on top of the cache itself:
 * DynamicCache's `torch.cat` copy of one layer's keys (KV heads × head_dim × 2 B) and, with SDPA
 * on a grouped-query model, `repeat_kv`'s copies of that layer's keys and values for every query
 * head (2 × heads × head_dim × 2 B).
 * @example decodeStepBytesPerToken(qwen3_8b, 'sdpa') // 8 × 128 × 2 + 2 × 32 × 128 × 2 = 18_432
 */
export function decodeStepBytesPerToken(spec: ModelSpec, attention: TransformersAttention, tensorParallel = 1): number {
  const kvHeads = Math.max(1, spec.kvHeads / tensorParallel);
  const heads = spec.heads / tensorParallel;
  const cat = Math.ceil(kvHeads * spec.headDim * 2);
  const repeated = attention === 'sdpa' && spec.kvHeads < spec.heads ? Math.ceil(2 * heads * spec.headDim * 2) : 0;
  return cat + repeated;
}
