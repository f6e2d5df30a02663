/**
 * Window security defaults, after Electron's security checklist: context isolation, the sandbox,
 * no Node in the page, no webview, and navigation limited to the app's own files.
 */
import type { BrowserWindowConstructorOptions } from 'electron';

export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    title: 'CardPlan',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  };
}

/** Only https links to these hosts open in the user's browser; everything else is refused. */
export const EXTERNAL_HOSTS: readonly string[] = ['github.com', 'huggingface.co', 'modelscope.cn'];

export function isAllowedExternalUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' && EXTERNAL_HOSTS.includes(url.hostname);
  } catch {
    return false;
  }
}

/** True when `raw` is a file inside the renderer folder (a `file://` URL), the only place the window may be. */
export function isAppUrl(raw: string, rendererDirUrl: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === 'file:' && url.href.startsWith(rendererDirUrl);
  } catch {
    return false;
  }
}
