/**
 * Roofline throughput estimate of one model replica (tp × pp cards). An estimate, labelled as one
 * everywhere it is shown: it ignores communication time and scheduler effects.
 *
 * - Decode is memory-bound: each step every card reads its share of the active weights and of the
 *   KV cache; with pipeline parallelism the stages run one after another, so
 *   time per output token = max(pp × bytes per card ÷ (bandwidth × efficiency),
 *                               2 × active params × concurrency ÷ (tp × peak × efficiency)).
 * - Prefill is compute-bound: TTFT = 2 × active params × prompt tokens ÷ (tp × peak × efficiency).
 * - Aggregate decode tokens/s = concurrency ÷ time per output token.
 */
import type { CardSpec } from '../catalog/card-specs.ts';
import type { WeightFormat } from '../memory/precision.ts';

export interface ThroughputInput {
  card: CardSpec;
  format: WeightFormat;
  tp: number;
  pp: number;
  activeParams: number;
  /** Bytes one decode step reads on one card: active weights plus the KV cache at the concurrency. */
  bytesReadPerCardPerStep: number;
  concurrency: number;
  promptTokens: number;
  memoryBandwidthEfficiency: number;
  computeEfficiency: number;
}

export interface Throughput {
  /** Seconds per output token of one sequence; null when the card's bandwidth is unknown. */
  tpotSeconds: number | null;
  ttftSeconds: number | null;
  decodeTokensPerSecond: number | null;
}

/** The dense peak a format computes at: FP8 on cards that have it, else 16-bit (weight-only quantization dequantizes). */
export function peakFlopsFor(card: CardSpec, format: WeightFormat): number | null {
  if ((format === 'fp8' || format === 'fp8-block') && card.fp8Supported === true && card.peakFlops.fp8 !== null) return card.peakFlops.fp8;
  return card.peakFlops.bf16 ?? card.peakFlops.fp16;
}

export function estimateThroughput(t: ThroughputInput): Throughput {
  const bandwidth = t.card.bandwidthBytesPerSecond;
  const peak = peakFlopsFor(t.card, t.format);
  const computeStep = peak === null ? null : (2 * t.activeParams * t.concurrency) / (t.tp * peak * t.computeEfficiency);
  if (bandwidth === null) {
    return { tpotSeconds: null, ttftSeconds: peak === null ? null : (2 * t.activeParams * t.promptTokens) / (t.tp * peak * t.computeEfficiency), decodeTokensPerSecond: null };
  }
  const memoryStep = (t.pp * t.bytesReadPerCardPerStep) / (bandwidth * t.memoryBandwidthEfficiency);
  const tpot = computeStep === null ? memoryStep : Math.max(memoryStep, computeStep);
  return {
    tpotSeconds: tpot,
    ttftSeconds: peak === null ? null : (2 * t.activeParams * t.promptTokens) / (t.tp * peak * t.computeEfficiency),
    decodeTokensPerSecond: t.concurrency / tpot,
  };
}
