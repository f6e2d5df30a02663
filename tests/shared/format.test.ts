import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNumber, formatParams, formatPercent, inputNumber } from '../../shared/format.ts';

describe('formatNumber in English (without loading ICU)', () => {
  const intl = (value: number, digits: number) => new Intl.NumberFormat('en', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);

  it('prints exactly what Intl.NumberFormat prints, halves and negative zero included', () => {
    for (const [value, digits] of [[1.005, 2], [0.045, 2], [999.995, 2], [999_999.5, 0], [-0.004, 2], [-0, 0], [1234567.891, 2], [2.5, 0], [-2.5, 0], [1e20, 1], [5e-7, 3]] as const) {
      expect(formatNumber(value, 'en', digits), `${value} to ${digits}`).toBe(intl(value, digits));
    }
    expect(formatNumber(1.005, 'en', 2)).toBe('1.01');
  });

  it('agrees with Intl on any finite number and precision', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e20, max: 1e20, noNaN: true }), fc.integer({ min: 0, max: 4 }), (value, digits) => {
        expect(formatNumber(value, 'en-US', digits)).toBe(intl(value, digits));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('formatParams: a count of parameters, never read as bytes', () => {
  // Qwen2.5-32B / QwQ-32B: 32,763,876,352 parameters counted from the config (README).
  it('names the unit as parameters, with 亿 (10⁸) beside B (10⁹) in Chinese', () => {
    expect(formatParams(32_763_876_352, 'en')).toBe('32.76 B parameters');
    expect(formatParams(32_763_876_352, 'zh-CN')).toBe('32.76 B 参数（327.6 亿）');
  });
});

describe('formatPercent: fractions in code, percentages on screen', () => {
  it('prints as many decimals as the fraction needs, up to two', () => {
    expect(formatPercent(0.2, 'en')).toBe('20%');
    expect(formatPercent(0.125, 'en')).toBe('12.5%');
    expect(formatPercent(0.12345, 'en')).toBe('12.35%');
    expect(formatPercent(0.07, 'zh-CN')).toBe('7%'); // 0.07 × 100 = 7.000000000000001
  });
});

describe('inputNumber: what a number field shows', () => {
  it('drops floating-point noise and trailing zeros, never groups', () => {
    expect(0.088 * 7.1).toBe(0.6247999999999999); // the default electricity price, US$0.088/kWh at 7.1 CNY/USD
    expect(inputNumber(0.088 * 7.1, 4)).toBe('0.6248');
    expect(inputNumber(0.2 * 100, 2)).toBe('20');
    expect(inputNumber(7.1, 4)).toBe('7.1');
    expect(inputNumber(12345.5, 2)).toBe('12345.5');
  });
});
