import type { AppInfo } from '../../shared/contract.ts';
import { i18n } from '../i18n/i18n.svelte.ts';

/** The answer of `app:info`, loaded once when the window opens. */
export class AppInfoState {
  info = $state<AppInfo | null>(null);
  error = $state<string | null>(null);

  async load(): Promise<void> {
    try {
      const result = await window.cardplan.appInfo();
      if (result.ok) this.info = result.value;
      else this.error = result.error.message;
      // Open in the language the user chose last time (stored), not only the system's.
      const settings = await window.cardplan.settingsGet();
      if (settings.ok && settings.value.language !== 'system') i18n.locale = settings.value.language;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    }
  }
}
