/**
 * The rule of thumb from the article CardPlan's users start from, reproduced exactly so its
 * numbers can be shown beside the detailed method:
 *
 *   weights = params × bytes per param            (doubled for training)
 *   KV      = layers × 2 × heads × head_dim × context × bytes (× concurrency)
 *   total   = (weights + KV) × 1.2
 *
 * It counts every attention head as a KV head (no GQA) and leaves out activations and overhead.
 */
import { finiteBytes, positiveInt } from '../checks.ts';

export const RULE_OF_THUMB_FACTOR = 1.2;

export interface RuleOfThumbInput {
  params: number;
  bytesPerParam: number;
  layers: number;
  heads: number;
  headDim: number;
  contextTokens: number;
  concurrency?: number;
  training?: boolean;
}

export interface RuleOfThumbResult {
  weightsBytes: number;
  kvCacheBytes: number;
  totalBytes: number;
}

/**
 * @example
 * ruleOfThumb({ params: 32e9, bytesPerParam: 2, layers: 40, heads: 64, headDim: 128, contextTokens: 16_000 })
 * // { weightsBytes: 64_000_000_000, kvCacheBytes: 20_971_520_000, totalBytes: 101_965_824_000 }
 */
export function ruleOfThumb(input: RuleOfThumbInput): RuleOfThumbResult {
  const where = 'ruleOfThumb';
  positiveInt(where, 'params', input.params);
  positiveInt(where, 'layers', input.layers);
  positiveInt(where, 'heads', input.heads);
  positiveInt(where, 'headDim', input.headDim);
  positiveInt(where, 'contextTokens', input.contextTokens);
  const concurrency = positiveInt(where, 'concurrency', input.concurrency ?? 1);
  const weights = input.params * input.bytesPerParam * (input.training ? 2 : 1);
  const kv = input.layers * 2 * input.heads * input.headDim * input.contextTokens * input.bytesPerParam * concurrency;
  return {
    weightsBytes: finiteBytes(where, 'weights', Math.round(weights)),
    kvCacheBytes: finiteBytes(where, 'KV cache', Math.round(kv)),
    totalBytes: finiteBytes(where, 'total', Math.round((weights + kv) * RULE_OF_THUMB_FACTOR)),
  };
}
