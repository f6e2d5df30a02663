/**
 * Throughput targets as procurement states them, turned into output tokens per second.
 */
import { positiveInt } from '../checks.ts';
import { CardPlanError } from '../errors.ts';

export type LoadTarget =
  | { tokensPerSecond: number }
  /** N users each reading at `tokensPerSecondEach` (e.g. 20 tokens/s, faster than reading speed). */
  | { concurrentUsers: number; tokensPerSecondEach: number }
  /** R requests per second, each generating `outputTokens`. */
  | { requestsPerSecond: number; outputTokens: number };

/**
 * @example targetTokensPerSecond({ concurrentUsers: 100, tokensPerSecondEach: 20 }) // 2000
 * @example targetTokensPerSecond({ requestsPerSecond: 5, outputTokens: 512 }) // 2560
 */
export function targetTokensPerSecond(t: LoadTarget): number {
  const positive = (field: string, value: number): number => {
    if (!(typeof value === 'number' && Number.isFinite(value) && value > 0)) {
      throw new CardPlanError('invalid_input', `targetTokensPerSecond: ${field} must be a positive number (got ${value})`);
    }
    return value;
  };
  if ('tokensPerSecond' in t) return positive('tokensPerSecond', t.tokensPerSecond);
  if ('concurrentUsers' in t) return positiveInt('targetTokensPerSecond', 'concurrentUsers', t.concurrentUsers) * positive('tokensPerSecondEach', t.tokensPerSecondEach);
  return positive('requestsPerSecond', t.requestsPerSecond) * positiveInt('targetTokensPerSecond', 'outputTokens', t.outputTokens);
}
