/** User settings, with the defaults a new installation starts from. */
import type { Currency } from './catalog/card-specs.ts';
import type { Engine } from './memory/engines.ts';
import { DEFAULT_SAFETY_BUFFER_FRACTION } from './memory/size.ts';
import { DEFAULT_ASSUMPTIONS } from './plan/assumptions.ts';

/** China's standard VAT rate on goods since 2019-04-01 (MoF, STA and GACC announcement 2019 No. 39). */
export const CHINA_VAT_GOODS = 0.13;

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
  /** The quote's default tax rate; a project may set its own. */
  taxRate: number;
  /** The quote's default discount on the subtotal; a project may set its own. */
  discountFraction: number;
  /** Networking, rack and installation per server (capex), and support per server per year, in CNY. */
  serverExtraCny: number;
  supportCnyPerServerPerYear: number;
  /** The consultant's company on the quote: name, contact (person, phone, e-mail), address. */
  supplierName: string;
  supplierContact: string;
  supplierAddress: string;
  paymentTerms: string;
  /** Days a quote is valid from its date. */
  quoteValidityDays: number;
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
  // China's standard VAT rate on goods, 13% since 2019-04-01 (财政部 税务总局 海关总署公告 2019 年第 39 号).
  taxRate: CHINA_VAT_GOODS,
  discountFraction: 0,
  serverExtraCny: 0,
  supportCnyPerServerPerYear: 0,
  supplierName: '',
  supplierContact: '',
  supplierAddress: '',
  paymentTerms: '',
  quoteValidityDays: 30,
};
