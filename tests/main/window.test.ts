import { describe, expect, it } from 'vitest';
import { electronNativeBinding, electronNativeDir } from '../../src-main/native.ts';
import { isAllowedExternalUrl, isAppUrl, windowOptions } from '../../src-main/window.ts';

describe('window security defaults (Electron security checklist)', () => {
  it('isolates the page: context isolation, sandbox, no Node, no webview', () => {
    const prefs = windowOptions('/app/out/main/preload.cjs').webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/app/out/main/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('opens only allow-listed https links outside the app', () => {
    expect(isAllowedExternalUrl('https://huggingface.co/Qwen/QwQ-32B')).toBe(true);
    expect(isAllowedExternalUrl('http://huggingface.co/Qwen/QwQ-32B')).toBe(false);
    expect(isAllowedExternalUrl('https://huggingface.co.evil.example/')).toBe(false);
    expect(isAllowedExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isAllowedExternalUrl('not a url')).toBe(false);
  });

  it('lets the window stay only inside the renderer folder', () => {
    const dir = 'file:///opt/CardPlan/out/renderer/';
    expect(isAppUrl('file:///opt/CardPlan/out/renderer/index.html', dir)).toBe(true);
    expect(isAppUrl('file:///opt/CardPlan/out/rendererX/index.html', dir)).toBe(false);
    expect(isAppUrl('https://example.com/', dir)).toBe(false);
  });
});

describe('better-sqlite3 for Electron', () => {
  it('uses node_modules under plain Node, and a per-Electron-version binary otherwise', () => {
    expect(process.versions.electron).toBeUndefined();
    expect(electronNativeBinding('/app', false, '/res')).toBeUndefined();
    expect(electronNativeDir('/repo', '45.5.0', 'linux', 'x64')).toBe('/repo/.cache/electron-native/electron-45.5.0-linux-x64');
  });
});
