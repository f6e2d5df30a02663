import type { AppInfo } from '../../shared/contract.ts';

/** The answer of `app:info`, loaded once when the window opens. */
export class AppInfoState {
  info = $state<AppInfo | null>(null);
  error = $state<string | null>(null);

  async load(): Promise<void> {
    try {
      const result = await window.cardplan.appInfo();
      if (result.ok) this.info = result.value;
      else this.error = result.error.message;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    }
  }
}
