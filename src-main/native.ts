/**
 * better-sqlite3 is a native addon, and Node 20 and Electron have different ABIs. The copy in
 * node_modules is built for Node (tests, CLI, `npm run web`) and is never rebuilt in place;
 * Electron loads its own copy, built once per Electron version by scripts/electron-native.ts
 * (`npm start`) into .cache/, or shipped in the packaged app's resources/native/. Passing that
 * path as better-sqlite3's `nativeBinding` lets both coexist, whatever order commands run in.
 */
import path from 'node:path';

export const NATIVE_BINARY = 'better_sqlite3.node';

/** `.cache/electron-native/electron-45.5.0-linux-x64` under the project root. */
export function electronNativeDir(projectRoot: string, electronVersion: string, platform = process.platform, arch = process.arch): string {
  return path.join(projectRoot, '.cache', 'electron-native', `electron-${electronVersion}-${platform}-${arch}`);
}

/**
 * The binding Electron's main process must load, or `undefined` under plain Node (where the
 * default build in node_modules is the right one).
 */
export function electronNativeBinding(appPath: string, isPackaged: boolean, resourcesPath: string): string | undefined {
  const electronVersion = process.versions.electron;
  if (!electronVersion) return undefined;
  if (isPackaged) return path.join(resourcesPath, 'native', NATIVE_BINARY);
  return path.join(electronNativeDir(appPath, electronVersion), NATIVE_BINARY);
}
