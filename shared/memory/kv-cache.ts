/**
 * KV cache. Standard attention caches a key and a value of `head_dim` for each **KV** head (not
 * each attention head: GQA/MQA share them); MLA (DeepSeek) caches one latent of
 * `kv_lora_rank + qk_rope_head_dim` per layer; sliding-window layers never hold more than the window.
 */
import { finiteBytes, positiveInt } from '../checks.ts';
import type { ModelSpec } from '../model/spec.ts';
import { kvBytesPerElement, type ConcreteKvDtype, type KvDtype } from './precision.ts';

/**
 * How an engine stores MLA: `latent` (vLLM, SGLang: the compressed latent) or `expanded`
 * (Hugging Face transformers' DeepSeek code caches the decompressed per-head keys and values).
 */
export type MlaCacheLayout = 'latent' | 'expanded';

/**
 * KV elements one layer caches per token.
 * - MHA/GQA/MQA: 2 × kvHeads × headDim
 * - MLA latent: kvLoraRank + qkRopeHeadDim; expanded: heads × (qkNope + qkRope + vHeadDim)
 *
 * @example kvElementsPerTokenPerLayer(llama31_8b) // 2 × 8 × 128 = 2048
 */
export function kvElementsPerTokenPerLayer(spec: ModelSpec, mlaLayout: MlaCacheLayout = 'latent'): number {
  if (spec.mla) {
    const { kvLoraRank, qkNopeHeadDim, qkRopeHeadDim, vHeadDim } = spec.mla;
    return mlaLayout === 'latent' ? kvLoraRank + qkRopeHeadDim : spec.heads * (qkNopeHeadDim + qkRopeHeadDim + vHeadDim);
  }
  return 2 * spec.kvHeads * spec.headDim;
}

/**
 * KV-cache bytes one token adds across all layers, ignoring sliding windows (the figure vLLM's
 * logs imply: pool bytes ÷ tokens that fit).
 *
 * @example kvCacheBytesPerToken(llama31_8b, 'auto') // 32 layers × 2 × 8 × 128 × 2 B = 131_072
 * @example kvCacheBytesPerToken(deepseekV2Lite, 'auto') // 27 × (512 + 64) × 2 B = 31_104
 */
export function kvCacheBytesPerToken(spec: ModelSpec, kvDtype: KvDtype | ConcreteKvDtype, mlaLayout: MlaCacheLayout = 'latent'): number {
  return spec.layers * kvElementsPerTokenPerLayer(spec, mlaLayout) * kvBytesPerElement(kvDtype, spec);
}

/** Layers that attend over a sliding window rather than the whole context. */
export function slidingLayers(spec: ModelSpec): number {
  if (!spec.slidingWindow) return 0;
  return spec.slidingWindow.layers === 'all' ? spec.layers : Math.ceil(spec.layers / 2);
}

/**
 * KV-cache bytes of one sequence of `contextTokens`: full layers hold every token, sliding-window
 * layers at most `window` tokens.
 *
 * @example kvCacheBytesPerSequence(qwq32b, 16_000, 'auto') // 64 × 2 × 8 × 128 × 2 B × 16,000 = 4_194_304_000
 */
export function kvCacheBytesPerSequence(spec: ModelSpec, contextTokens: number, kvDtype: KvDtype | ConcreteKvDtype, mlaLayout: MlaCacheLayout = 'latent'): number {
  positiveInt('kvCacheBytesPerSequence', 'contextTokens', contextTokens);
  const perLayerToken = kvElementsPerTokenPerLayer(spec, mlaLayout) * kvBytesPerElement(kvDtype, spec);
  const windowed = slidingLayers(spec);
  const windowTokens = spec.slidingWindow ? Math.min(contextTokens, spec.slidingWindow.window) : contextTokens;
  const bytes = perLayerToken * ((spec.layers - windowed) * contextTokens + windowed * windowTokens);
  return finiteBytes('kvCacheBytesPerSequence', 'KV cache', bytes);
}

/** KV cache for `concurrency` sequences of `contextTokens` each. */
export function kvCacheBytes(spec: ModelSpec, contextTokens: number, concurrency: number, kvDtype: KvDtype | ConcreteKvDtype, mlaLayout: MlaCacheLayout = 'latent'): number {
  positiveInt('kvCacheBytes', 'concurrency', concurrency);
  return finiteBytes('kvCacheBytes', 'KV cache', kvCacheBytesPerSequence(spec, contextTokens, kvDtype, mlaLayout) * concurrency);
}
