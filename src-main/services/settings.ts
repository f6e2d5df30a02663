/**
 * Settings: language, currency and exchange rates, electricity price, PUE, years, safety buffer and
 * default engine. Stored one JSON value per key; missing keys take the defaults.
 */
import * as v from 'valibot';
import type { Settings } from '../../shared/settings.ts';
import { DEFAULT_SETTINGS } from '../../shared/settings.ts';
import { ENGINES } from '../../shared/memory/engines.ts';
import type { ServiceContext } from './context.ts';
import { discount, oneOf, taxRate } from './schemas.ts';

const range = (min: number, max: number) => v.pipe(v.number(), v.finite(), v.minValue(min, `Invalid number: expected ${min} to ${max}`), v.maxValue(max, `Invalid number: expected ${min} to ${max}`));

export const settingsPatchSchema = v.strictObject({
  language: v.optional(oneOf(['system', 'zh-CN', 'en'] as const)),
  currency: v.optional(oneOf(['CNY', 'USD', 'EUR'] as const)),
  cnyPerUsd: v.optional(range(0.01, 1000)),
  cnyPerEur: v.optional(range(0.01, 1000)),
  electricityCnyPerKwh: v.optional(range(0, 100)),
  pue: v.optional(range(1, 3)),
  years: v.optional(v.pipe(v.number(), v.integer('Invalid number: expected a whole number of years'), v.minValue(1), v.maxValue(20))),
  safetyBufferFraction: v.optional(range(0, 1)),
  defaultEngine: v.optional(oneOf(ENGINES)),
  taxRate: v.optional(taxRate),
  discountFraction: v.optional(discount),
  serverExtraCny: v.optional(range(0, 1e9)),
  supportCnyPerServerPerYear: v.optional(range(0, 1e9)),
  supplierName: v.optional(v.pipe(v.string(), v.maxLength(200))),
  supplierContact: v.optional(v.pipe(v.string(), v.maxLength(500))),
  supplierAddress: v.optional(v.pipe(v.string(), v.maxLength(500))),
  paymentTerms: v.optional(v.pipe(v.string(), v.maxLength(1000))),
  quoteValidityDays: v.optional(v.pipe(v.number(), v.integer('Invalid number: expected a whole number of days'), v.minValue(1), v.maxValue(365))),
});

export function getSettings(ctx: ServiceContext): Settings {
  const rows = ctx.db.prepare('SELECT key, value_json FROM settings').all() as { key: string; value_json: string }[];
  const stored = Object.fromEntries(rows.filter((r) => r.key in DEFAULT_SETTINGS).map((r) => [r.key, JSON.parse(r.value_json)]));
  return { ...DEFAULT_SETTINGS, ...stored };
}

export function setSettings(ctx: ServiceContext, patch: Partial<Settings>): Settings {
  const now = Date.now();
  const upsert = ctx.db.prepare(
    'INSERT INTO settings (key, value_json, updated_at_ms) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, updated_at_ms = excluded.updated_at_ms',
  );
  ctx.db.transaction(() => {
    for (const [key, value] of Object.entries(patch)) if (value !== undefined) upsert.run(key, JSON.stringify(value), now);
  })();
  return getSettings(ctx);
}
