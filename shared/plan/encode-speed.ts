/**
 * How fast an embedding or reranker replica processes input: a forward pass with no decode loop,
 * compute-bound at a fraction of the card's dense peak. An estimate, labelled as one.
 */
import type { CardSpec } from '../catalog/card-specs.ts';
import type { WeightFormat } from '../memory/precision.ts';
import { peakFlopsFor } from './speed/peak-flops.ts';

/**
 * FLOPs one input token costs in a forward pass: 2 per non-embedding parameter (a multiply and
 * an add; embedding lookups cost none) plus attention, 4 × layers × hidden × tokens per sequence
 * (QKᵀ and AV over the whole sequence, encoders and causal prefill alike).
 * @example forwardFlopsPerToken(303_361_024, 24, 1024, 512) // bge-m3 at 512 tokens: 606,722,048 + 50,331,648 = 657_053_696
 */
export function forwardFlopsPerToken(nonEmbeddingParams: number, layers: number, hiddenSize: number, tokensPerSequence: number): number {
  return 2 * nonEmbeddingParams + 4 * layers * hiddenSize * tokensPerSequence;
}

/**
 * Input tokens per second of one replica on `tp` cards: tp × peak × efficiency ÷ FLOPs per token;
 * null when the card's peak is unknown.
 */
export function encodeTokensPerSecond(card: CardSpec, format: WeightFormat, tp: number, flopsPerToken: number, computeEfficiency: number): number | null {
  const peak = peakFlopsFor(card, format);
  return peak === null ? null : (tp * peak * computeEfficiency) / flopsPerToken;
}
