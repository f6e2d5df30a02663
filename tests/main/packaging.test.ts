import { describe, expect, it } from 'vitest';
import { builderConfig, mainBuilds } from '../../electron.config.ts';

// electron.config.ts type-checks against electron-builder's own `Configuration` type (`npm run
// typecheck`); this checks what that type cannot: the choices the app depends on.
describe('packaging configuration', () => {
  const config = builderConfig('/cache/electron-native/better_sqlite3.node');

  it('builds installers for three systems', () => {
    expect(config.win).toMatchObject({ target: ['nsis', 'portable'] });
    expect(config.mac).toMatchObject({ target: ['dmg'] });
    expect(config.linux).toMatchObject({ target: ['AppImage', 'deb'] });
    expect(config).toMatchObject({ appId: 'app.cardplan.desktop', productName: 'CardPlan', directories: { output: 'release', buildResources: 'build' } });
  });

  it('ships the Electron-ABI better-sqlite3 outside the asar, without rebuilding node_modules', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.extraResources).toEqual([{ from: '/cache/electron-native/better_sqlite3.node', to: 'native/better_sqlite3.node' }]);
    expect(config.asarUnpack).toEqual(['**/*.node']);
  });

  it('opens .cardplan.json files', () => {
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: 'cardplan.json', name: 'CardPlan project' })]);
  });

  it('bundles main as ESM and the sandboxed preload as CommonJS, with native and heavy modules left out', () => {
    expect(mainBuilds.main).toMatchObject({ format: 'esm', platform: 'node', external: ['electron', 'better-sqlite3', 'exceljs'] });
    expect(mainBuilds.preload).toMatchObject({ format: 'cjs', external: ['electron'] });
  });
});
