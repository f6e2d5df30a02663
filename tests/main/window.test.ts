import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronNativeBinding, electronNativeDir } from '../../src-main/native.ts';
import { CONTENT_SECURITY_POLICY, createSecureWindow, isAppUrl, lockDownSession } from '../../src-main/window.ts';
import { ROOT, tempDir } from '../helpers.ts';

describe('window security (Electron security checklist)', () => {
  it('isolates the page: context isolation, sandbox, no Node, no webview, no middle-click windows', () => {
    let options: any;
    class FakeWindow {
      constructor(o: unknown) {
        options = o;
      }
    }
    createSecureWindow(FakeWindow as never, '/app/out/main/preload.cjs');
    expect(options.webPreferences).toEqual({
      preload: '/app/out/main/preload.cjs',
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
    });
    expect(options).toMatchObject({ width: 1280, height: 820, show: false });
  });

  it('lets the window stay only inside the renderer folder, and answers IPC only from there', () => {
    const dir = 'file:///opt/CardPlan/out/renderer/';
    expect(isAppUrl('file:///opt/CardPlan/out/renderer/index.html', dir)).toBe(true);
    expect(isAppUrl('file:///opt/CardPlan/out/rendererX/index.html', dir)).toBe(false);
    expect(isAppUrl('file:///etc/passwd', dir)).toBe(false);
    expect(isAppUrl('https://example.com/', dir)).toBe(false);
    expect(isAppUrl('not a url', dir)).toBe(false);
  });

  it('refuses every permission and sends the CSP with any http(s) response', () => {
    const calls: Record<string, any> = {};
    lockDownSession({
      setPermissionRequestHandler: (h: any) => (calls.request = h),
      setPermissionCheckHandler: (h: any) => (calls.check = h),
      webRequest: { onHeadersReceived: (h: any) => (calls.headers = h) } as any,
    } as any);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      let granted: boolean | undefined;
      calls.request({}, permission, (ok: boolean) => (granted = ok));
      expect(granted, permission).toBe(false);
      expect(calls.check({}, permission)).toBe(false);
    }
    let headers: any;
    calls.headers({ responseHeaders: { 'X-A': ['1'] } }, (r: any) => (headers = r.responseHeaders));
    expect(headers).toEqual({ 'X-A': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|unsafe-inline|\*/);
    // The page's own <meta> carries the same policy (less frame-ancestors, which a <meta> cannot set).
    const html = fs.readFileSync(path.join(ROOT, 'src-renderer/index.html'), 'utf8');
    expect(html).toContain(CONTENT_SECURITY_POLICY.replace("; frame-ancestors 'none'", ''));
  });
});

describe('Electronegativity', () => {
  it('fails the check on a window that turns the sandbox off', () => {
    const dir = tempDir('cardplan-eneg-');
    fs.writeFileSync(
      path.join(dir, 'bad.js'),
      "const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });\n",
    );
    const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts/check-electronegativity.mjs'), dir], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/HIGH CONTEXT_ISOLATION_JS_CHECK bad\.js/);
    expect(run.stdout).toMatch(/MEDIUM SANDBOX_JS_CHECK bad\.js/);
    expect(run.stderr).toMatch(/medium or high finding\(s\)/);
  }, 60_000);
});

describe('better-sqlite3 for Electron', () => {
  it('uses node_modules under plain Node, and a per-Electron-version binary otherwise', () => {
    expect(process.versions.electron).toBeUndefined();
    expect(electronNativeBinding('/app', false, '/res')).toBeUndefined();
    expect(electronNativeDir('/repo', '45.5.0', 'linux', 'x64')).toBe('/repo/.cache/electron-native/electron-45.5.0-linux-x64');
  });
});
