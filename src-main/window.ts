/**
 * Window security, after Electron's security checklist, as small functions main.ts wires up and
 * unit tests check: context isolation, the sandbox, no Node in the page, no webview, no
 * middle-click windows; navigation limited to the app's own files; new windows and every
 * permission request refused; IPC answered only for the app's own frame.
 */
import type { BrowserWindow as BrowserWindowType, BrowserWindowConstructorOptions, Session } from 'electron';

export const WINDOW_DEFAULTS = { width: 1280, height: 820, minWidth: 960, minHeight: 600 };

/** Creates the app window. The constructor is passed in so tests can see the exact options. */
export function createSecureWindow(
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindowType,
  preloadPath: string,
  bounds: { x?: number; y?: number; width: number; height: number } = WINDOW_DEFAULTS,
): BrowserWindowType {
  return new BrowserWindow({
    ...bounds,
    minWidth: WINDOW_DEFAULTS.minWidth,
    minHeight: WINDOW_DEFAULTS.minHeight,
    title: 'CardPlan',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  });
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

/** The same Content-Security-Policy as the page's <meta>, also sent as a header for any http(s) response. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Every permission (camera, notifications, clipboard, …) refused: the planner needs none. */
export function lockDownSession(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'webRequest'>): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}
