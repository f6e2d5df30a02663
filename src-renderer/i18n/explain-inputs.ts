/**
 * The core's Explain inputs (`baseBytes`, `contextTokens`, `safetyBufferFraction` …) as the window
 * shows them: a label in the window's language, and the value in the unit its key names (the
 * core puts units in names), e.g. "base: 195,421,012 bytes (0.18 GiB)".
 */
import { formatGiB, formatPercent } from '../../shared/format.ts';
import { BYTES_PER_GIB } from '../../shared/units.ts';
import { en, type MessageKey } from './en.ts';
import { i18n } from './i18n.svelte.ts';

const known = (key: string): key is MessageKey => key in en;

/** "gptqBufferBytes" → "gptq buffer bytes", for a key the window has no label for yet. */
const humanise = (key: string): string => key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();

function label(key: string): string {
  const k = `input.${key}`;
  return known(k) ? i18n.t(k) : humanise(key);
}

function value(key: string, v: number | string | boolean): string {
  if (typeof v === 'boolean') return i18n.t(v ? 'common.yes' : 'common.no');
  if (typeof v === 'string') {
    const kind = `kind.${v}`;
    return key === 'kind' && known(kind) ? i18n.t(kind) : v;
  }
  if (key.endsWith('Fraction')) return formatPercent(v, i18n.locale);
  if (/bytes/i.test(key)) {
    const count = i18n.number(v);
    // GiB beside a size worth reading in GiB; "2 bytes" per element stays as it is.
    return v >= BYTES_PER_GIB / 100 ? i18n.t('detail.bytesGiB', { count, gib: formatGiB(v, i18n.locale) }) : i18n.t('detail.bytesUnit', { count });
  }
  if (key.endsWith('Tokens')) return i18n.t('detail.tokens', { count: i18n.number(v) });
  return i18n.number(v);
}

/** @example explainInput('baseBytes', 195_421_012) // "base: 195,421,012 bytes (0.18 GiB)" in English */
export function explainInput(key: string, v: number | string | boolean): string {
  return i18n.t('detail.input', { label: label(key), value: value(key, v) });
}
