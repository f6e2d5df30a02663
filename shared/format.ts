/**
 * Numbers as people read them, for the window, the CLI and the workbook: bytes in GB (10⁹) and GiB
 * (2³⁰), always labelled; parameter counts in B (10⁹), with 亿 (10⁸) beside them in Chinese.
 */
import { bytesToGB, bytesToGiB } from './units.ts';

// Building an Intl.NumberFormat costs far more than formatting with one: a plan's table formats
// thousands of numbers, so each locale and precision gets one formatter.
const formatters = new Map<string, Intl.NumberFormat>();

/**
 * English grouping without Intl, digit for digit what Intl.NumberFormat('en') prints (it rounds
 * the shortest decimal form of the number half away from zero, and keeps the sign of a negative
 * that rounds to zero), sparing a short-lived `cardplan` command the ~20 ms of loading ICU.
 * @example groupedEnglish(1234567.891, 2) // "1,234,567.89"
 * @example groupedEnglish(1.005, 2) // "1.01"
 */
function groupedEnglish(value: number, fractionDigits: number): string {
  const shortest = String(Math.abs(value));
  let whole: string;
  let fraction: string;
  if (/e/.test(shortest)) {
    [whole, fraction = ''] = Math.abs(value).toFixed(fractionDigits).split('.') as [string, string?];
  } else {
    const [i, f = ''] = shortest.split('.') as [string, string?];
    if (f.length <= fractionDigits) {
      whole = i;
      fraction = f.padEnd(fractionDigits, '0');
    } else {
      // Round the decimal digits half away from zero, carrying through the whole part.
      const digits = (i + f.slice(0, fractionDigits)).split('').map(Number);
      if (f[fractionDigits]! >= '5') {
        let k = digits.length - 1;
        while (k >= 0 && digits[k] === 9) digits[k--] = 0;
        if (k < 0) digits.unshift(1);
        else digits[k]!++;
      }
      const all = digits.join('');
      whole = all.slice(0, all.length - fractionDigits) || '0';
      fraction = all.slice(all.length - fractionDigits);
    }
  }
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const negative = value < 0 || Object.is(value, -0);
  return `${negative ? '-' : ''}${grouped}${fractionDigits ? `.${fraction}` : ''}`;
}

export function formatNumber(value: number, locale: string, fractionDigits = 0): string {
  if ((locale === 'en' || locale === 'en-US') && Number.isFinite(value) && Math.abs(value) < 1e21) return groupedEnglish(value, fractionDigits);
  const key = `${locale}|${fractionDigits}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.NumberFormat(locale, { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits })));
  return f.format(value);
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
 * A parameter count in billions (10⁹), named as parameters so its "B" is never read as bytes; in
 * Chinese with 亿 (10⁸) beside it.
 * @example formatParams(32_763_876_352, 'zh-CN') // "32.76 B 参数（327.6 亿）"
 * @example formatParams(32_763_876_352, 'en') // "32.76 B parameters"
 */
export function formatParams(params: number, locale: string): string {
  const b = formatNumber(params / 1e9, locale, 2);
  return locale.startsWith('zh') ? `${b} B 参数（${formatNumber(params / 1e8, locale, 1)} 亿）` : `${b} B parameters`;
}

/**
 * A fraction as a percentage, with as many decimals (0 to 2) as it needs.
 * @example formatPercent(0.2, 'en') // "20%"
 * @example formatPercent(0.125, 'en') // "12.5%"
 */
export function formatPercent(fraction: number, locale: string): string {
  const percent = fraction * 100;
  const digits = [0, 1].find((d) => Math.abs(Number(percent.toFixed(d)) - percent) < 1e-9) ?? 2;
  return `${formatNumber(percent, locale, digits)}%`;
}

/**
 * A number as an `<input type="number">` holds it: no grouping, at most `maxFractionDigits`
 * decimals and no trailing zeros, so floating-point noise (0.088 × 7.1 = 0.6247999999999999)
 * never reaches the field.
 * @example inputNumber(0.088 * 7.1, 4) // "0.6248"
 * @example inputNumber(0.2 * 100, 2) // "20"
 */
export function inputNumber(value: number, maxFractionDigits: number): string {
  return String(Number(value.toFixed(maxFractionDigits)));
}

/** @example formatMoney(397_671, 'CNY', 'zh-CN', '未知') // "¥397,671" */
export function formatMoney(amount: number | null, currency: string, locale: string, unknown: string, fractionDigits = 0): string {
  if (amount === null) return unknown;
  return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }).format(amount);
}
