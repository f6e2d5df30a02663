/**
 * A check row's figures as people read them, the same in the CLI and the window: GiB for memory,
 * "1.56x" for concurrency, whole tokens; a difference with its sign and percent.
 */
import { formatNumber } from '../format.ts';
import type { CheckRow } from './check.ts';

type Locale = 'en' | 'zh-CN';
const GiB = 2 ** 30;

/** @example checkValueText({ unit: 'bytes' } as CheckRow, 4_092_140_421, 'en') // "3.81 GiB" */
export function checkValueText(r: Pick<CheckRow, 'unit'>, x: number | null, locale: Locale): string {
  if (x === null) return '—';
  if (r.unit === 'bytes') return `${formatNumber(x / GiB, locale, 2)} GiB`;
  if (r.unit === 'times') return `${formatNumber(x, locale, 2)}x`;
  return formatNumber(Math.round(x), locale, 0);
}

/** @example checkDifferenceText(tokensRow, 'en') // "+32 (+0.1%)"; "" when the log does not print it */
export function checkDifferenceText(r: Pick<CheckRow, 'unit' | 'difference' | 'relative'>, locale: Locale): string {
  if (r.difference === null) return '';
  const percent = r.relative === null ? '' : ` (${r.relative >= 0 ? '+' : ''}${formatNumber(r.relative * 100, locale, 1)}%)`;
  return `${r.difference >= 0 ? '+' : ''}${checkValueText(r, r.difference, locale)}${percent}`;
}
