/**
 * The translation layer: every visible string goes through `i18n.t`, every number through
 * `i18n.number`, so switching language re-renders the whole window in the other locale.
 */
import { en, type MessageKey, type Messages } from './en.ts';
import { zhCN } from './zh-CN.ts';

export type Locale = 'zh-CN' | 'en';

export const LOCALES: readonly { id: Locale; label: string }[] = [
  { id: 'zh-CN', label: '简体中文' },
  { id: 'en', label: 'English' },
];

const CATALOGS: Record<Locale, Messages> = { 'zh-CN': zhCN, en };

/** Chinese browsers and systems get zh-CN, everyone else English. */
export function preferredLocale(languages: readonly string[]): Locale {
  return languages.some((language) => language.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}

class I18n {
  locale = $state<Locale>(preferredLocale(typeof navigator === 'undefined' ? [] : navigator.languages));

  readonly numberFormat = $derived(new Intl.NumberFormat(this.locale));

  t(key: MessageKey, params: Record<string, string | number> = {}): string {
    const template = CATALOGS[this.locale][key];
    return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
  }

  number(value: number): string {
    return this.numberFormat.format(value);
  }

  date(ms: number): string {
    return new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
  }
}

export const i18n = new I18n();
