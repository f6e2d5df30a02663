import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, resolveDatabasePath } from '../../src-main/paths.ts';

// Electron's documented `userData` locations for an app named CardPlan.
describe('defaultDataDir', () => {
  it('follows XDG on Linux', () => {
    expect(defaultDataDir({ platform: 'linux', env: {}, homeDir: '/home/li' })).toBe('/home/li/.config/CardPlan');
    expect(defaultDataDir({ platform: 'linux', env: { XDG_CONFIG_HOME: '/cfg' }, homeDir: '/home/li' })).toBe('/cfg/CardPlan');
  });

  it('uses Application Support on macOS and APPDATA on Windows', () => {
    expect(defaultDataDir({ platform: 'darwin', env: {}, homeDir: '/Users/li' })).toBe('/Users/li/Library/Application Support/CardPlan');
    expect(defaultDataDir({ platform: 'win32', env: { APPDATA: 'C:\\Users\\li\\AppData\\Roaming' }, homeDir: 'C:\\Users\\li' })).toBe(
      'C:\\Users\\li\\AppData\\Roaming\\CardPlan',
    );
  });
});

describe('resolveDatabasePath', () => {
  const host = { platform: 'linux' as const, env: { CARDPLAN_DB: '/data/env.db' }, homeDir: '/home/li' };

  it('prefers --db, then CARDPLAN_DB, then the data directory', () => {
    expect(resolveDatabasePath('/data/flag.db', host)).toBe('/data/flag.db');
    expect(resolveDatabasePath(undefined, host)).toBe('/data/env.db');
    expect(resolveDatabasePath(undefined, { ...host, env: {} })).toBe('/home/li/.config/CardPlan/cardplan.db');
  });

  it('resolves a relative path against the working directory', () => {
    expect(resolveDatabasePath('client.db', host)).toBe(path.resolve('client.db'));
  });
});
