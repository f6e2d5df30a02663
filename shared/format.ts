/**
 * Numbers as people read them, for the window, the CLI and the workbook: bytes in GB (10⁹) and GiB
 * (2³⁰), always labelled; parameter counts in B (10⁹), with 亿 (10⁸) beside them in Chinese.
 */
import { bytesToGB, bytesToGiB } from './units.ts';

export function formatNumber(value: number, locale: string, fractionDigits = 0): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }).format(value);
}

/** @example formatBytes(65_527_752_704, 'en') // "65.53 GB (61.03 GiB)" */
export function formatBytes(bytes: number, locale: string): string {
  return `${formatNumber(bytesToGB(bytes), locale, 2)} GB (${formatNumber(bytesToGiB(bytes), locale, 2)} GiB)`;
}

/** @example formatGiB(65_527_752_704, 'en') // "61.03 GiB" */
export function formatGiB(bytes: number, locale: string): string {
  return `${formatNumber(bytesToGiB(bytes), locale, 2)} GiB`;
}

/**
 * @example formatParams(32_763_876_352, 'zh-CN') // "32.76 B（327.6 亿）"
 * @example formatParams(32_763_876_352, 'en') // "32.76 B"
 */
export function formatParams(params: number, locale: string): string {
  const b = `${formatNumber(params / 1e9, locale, 2)} B`;
  return locale.startsWith('zh') ? `${b}（${formatNumber(params / 1e8, locale, 1)} 亿）` : b;
}

/** @example formatMoney(397_671, 'CNY', 'zh-CN', '未知') // "¥397,671" */
export function formatMoney(amount: number | null, currency: string, locale: string, unknown: string, fractionDigits = 0): string {
  if (amount === null) return unknown;
  return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }).format(amount);
}
