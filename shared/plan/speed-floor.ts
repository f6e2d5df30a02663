/**
 * The per-user speed below which a chat option is never recommended, whatever it costs.
 */
import type { Workload } from '../memory/size.ts';
import type { WorkloadKind } from '../model/spec.ts';

/**
 * 10 output tokens/s per user: about twice the average silent reading speed of adults (English
 * non-fiction, 238 words/min: Brysbaert 2019, "How many words do we read per minute?", Journal of
 * Memory and Language 109, 104047), which is ≈ 5.3 tokens/s at the usual ¾ word per token; Chinese
 * readers (about 260 characters/min) are slower still in tokens. Text that streams at this speed is
 * never waited on. An assumption a user can change per workload; 0 turns the floor off.
 */
export const DEFAULT_MIN_TOKENS_PER_USER = 10;

/** The floor of a workload, tokens/s per user; null when it does not apply (embedding, reranker, training, or turned off). */
export function speedFloorOf(workload: Workload, kind: WorkloadKind): number | null {
  if (kind !== 'generation' || (workload.mode ?? 'inference') !== 'inference') return null;
  const floor = workload.minTokensPerSecondPerUser ?? DEFAULT_MIN_TOKENS_PER_USER;
  return floor > 0 ? floor : null;
}
