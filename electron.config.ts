/**
 * How CardPlan is built and packaged: the esbuild bundles of the main process, the preload and the
 * harness bridge (scripts/build-main.ts), and electron-builder's configuration (scripts/package.ts).
 * The renderer is built by Vite (vite.config.ts) into out/renderer.
 */
import type { Configuration } from 'electron-builder';
import type { BuildOptions } from 'esbuild';

const common: BuildOptions = { bundle: true, sourcemap: true, logLevel: 'warning', legalComments: 'none' };

export const mainBuilds: Record<'main' | 'preload' | 'bridge', BuildOptions> = {
  // The main process (Electron 45 runs Node 22), ESM so import.meta.url locates its neighbours.
  main: {
    ...common,
    entryPoints: ['src-main/main.ts'],
    outfile: 'out/main/main.mjs',
    platform: 'node',
    format: 'esm',
    target: 'node22',
    external: ['electron', 'better-sqlite3', 'exceljs'],
  },
  // A sandboxed preload must be CommonJS and may require only `electron`.
  preload: {
    ...common,
    entryPoints: ['src-main/preload.ts'],
    outfile: 'out/main/preload.cjs',
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['electron'],
  },
  // The browser harness's stand-in for the preload (npm run web, end-to-end tests).
  bridge: {
    ...common,
    entryPoints: ['src-main/web/page/bridge.ts'],
    outfile: 'out/web/bridge.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
};

/** Files copied next to the main bundle: the SQL migrations it reads at start-up. */
export const mainAssets = [{ from: 'src-main/db/migrations', to: 'out/main/migrations' }];

/**
 * electron-builder's configuration. `nativeBinary` is the Electron-ABI better-sqlite3 built by
 * scripts/electron-native.ts for the target platform and architecture.
 */
export const builderConfig = (nativeBinary: string): Configuration => ({
  appId: 'app.cardplan.desktop',
  productName: 'CardPlan',
  copyright: 'CardPlan',
  directories: { output: 'release', buildResources: 'build' },
  files: [
    'package.json',
    'out/main/**',
    'out/renderer/**',
    // Main is one bundle; of node_modules only better-sqlite3's JavaScript is needed at run time.
    '!**/node_modules/better-sqlite3/{build,deps,src}/**',
  ],
  // node_modules keeps its Node-ABI better-sqlite3 (tests, CLI); the Electron-ABI binary built by
  // scripts/electron-native.ts ships as a resource, outside the asar, loaded through `nativeBinding`.
  npmRebuild: false,
  extraResources: [{ from: nativeBinary, to: 'native/better_sqlite3.node' }],
  // Native code cannot load from inside an asar archive.
  asarUnpack: ['**/*.node'],
  fileAssociations: [{ ext: 'cardplan.json', name: 'CardPlan project', description: 'CardPlan project file', role: 'Editor', mimeType: 'application/x-cardplan+json' }],
  mac: { category: 'public.app-category.business', target: ['dmg'], icon: 'build/icon.png' },
  win: { target: ['nsis', 'portable'], icon: 'build/icon.png' },
  nsis: { oneClick: false, allowToChangeInstallationDirectory: true },
  linux: { target: ['AppImage', 'deb'], category: 'Office', maintainer: 'CardPlan', icon: 'build/icon.png' },
});
