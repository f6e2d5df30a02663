/**
 * The dense peak a weight format computes at on a card: FP8 on cards that have it, else 16-bit
 * (weight-only quantization dequantizes to 16-bit for the matrix multiply).
 */
import type { CardSpec } from '../../catalog/card-specs.ts';
import type { WeightFormat } from '../../memory/precision.ts';

/** Operations per second; null when the catalog does not know the card's peak. */
export function peakFlopsFor(card: CardSpec, format: WeightFormat): number | null {
  if ((format === 'fp8' || format === 'fp8-block') && card.fp8Supported === true && card.peakFlops.fp8 !== null) return card.peakFlops.fp8;
  return card.peakFlops.bf16 ?? card.peakFlops.fp16;
}
