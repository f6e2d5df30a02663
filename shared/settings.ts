/** User settings, with the defaults a new installation starts from. */
import type { Currency } from './catalog/card-specs.ts';
import type { Engine } from './memory/engines.ts';
import { DEFAULT_SAFETY_BUFFER_FRACTION } from './memory/size.ts';
import { DEFAULT_ASSUMPTIONS } from './plan/assumptions.ts';

export interface Settings {
  /** `system` follows the operating system's (or browser's) language until the user picks one. */
  language: 'system' | 'zh-CN' | 'en';
  currency: Currency;
  cnyPerUsd: number;
  cnyPerEur: number;
  electricityCnyPerKwh: number;
  pue: number;
  years: number;
  safetyBufferFraction: number;
  defaultEngine: Engine;
}

export const DEFAULT_SETTINGS: Settings = {
  language: 'system',
  currency: 'CNY',
  cnyPerUsd: DEFAULT_ASSUMPTIONS.cnyPer.USD,
  cnyPerEur: DEFAULT_ASSUMPTIONS.cnyPer.EUR,
  // US$0.088/kWh (China's average industrial rate, 2024) at the default rate.
  electricityCnyPerKwh: DEFAULT_ASSUMPTIONS.electricityPrice.amount * DEFAULT_ASSUMPTIONS.cnyPer.USD,
  pue: DEFAULT_ASSUMPTIONS.pue,
  years: DEFAULT_ASSUMPTIONS.years,
  safetyBufferFraction: DEFAULT_SAFETY_BUFFER_FRACTION,
  defaultEngine: 'vllm',
};
