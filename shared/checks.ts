/**
 * Preconditions of the sizing core. Each throws `CardPlanError('invalid_input')` with a one-line
 * message naming the function, the field and the value, e.g.
 * `kvCacheBytes: contextTokens must be a positive integer (got -1)`. A NaN in a client's quote is
 * worse than a refused input.
 */
import { CardPlanError } from './errors.ts';

function fail(where: string, field: string, rule: string, value: unknown): never {
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
  throw new CardPlanError('invalid_input', `${where}: ${field} must be ${rule} (got ${shown})`);
}

export function positiveInt(where: string, field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) fail(where, field, 'a positive integer', value);
  return value;
}

export function nonNegativeInt(where: string, field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) fail(where, field, 'an integer ≥ 0', value);
  return value;
}

/** A fraction in (min, max]; the default range is (0, 1]. */
export function fraction(where: string, field: string, value: unknown, min = 0, max = 1): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= min || value > max) fail(where, field, `a number in (${min}, ${max}]`, value);
  return value;
}

export function nonNegativeNumber(where: string, field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) fail(where, field, 'a finite number ≥ 0', value);
  return value;
}

export function oneOf<T extends string>(where: string, field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) fail(where, field, `one of ${allowed.join(', ')}`, value);
  return value as T;
}

/** Refuses results that are not finite, non-negative safe integers (bytes, token counts). */
export function finiteBytes(where: string, field: string, value: number): number {
  if (!Number.isFinite(value) || value < 0 || value > Number.MAX_SAFE_INTEGER) {
    throw new CardPlanError('invalid_input', `${where}: ${field} is too large to compute exactly (${value}); reduce the context or concurrency`);
  }
  return value;
}
