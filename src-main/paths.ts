/**
 * Where CardPlan keeps its database. The desktop app, the CLI and `npm run web` must agree, so this
 * reproduces Electron's `app.getPath('userData')` for the app name without needing Electron.
 */
import os from 'node:os';
import path from 'node:path';
import { APP_NAME } from './version.ts';

export const DATABASE_FILE_NAME = 'cardplan.db';

export interface PlatformEnv {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  homeDir: string;
}

const hostPlatform = (): PlatformEnv => ({ platform: process.platform, env: process.env, homeDir: os.homedir() });

/**
 * The per-user data directory, as Electron computes `userData`: `%APPDATA%\CardPlan` on Windows,
 * `~/Library/Application Support/CardPlan` on macOS, `$XDG_CONFIG_HOME/CardPlan` (default
 * `~/.config/CardPlan`) elsewhere.
 */
export function defaultDataDir({ platform, env, homeDir }: PlatformEnv = hostPlatform()): string {
  if (platform === 'win32') {
    return path.win32.join(env.APPDATA ?? path.win32.join(homeDir, 'AppData', 'Roaming'), APP_NAME);
  }
  if (platform === 'darwin') return path.posix.join(homeDir, 'Library', 'Application Support', APP_NAME);
  return path.posix.join(env.XDG_CONFIG_HOME || path.posix.join(homeDir, '.config'), APP_NAME);
}

/**
 * The database path: an explicit `--db PATH` wins, then `CARDPLAN_DB`, then the data directory.
 * Relative paths are resolved against the working directory so messages show where the file is.
 */
export function resolveDatabasePath(explicit: string | undefined, host: PlatformEnv = hostPlatform()): string {
  const chosen = explicit || host.env.CARDPLAN_DB;
  if (chosen) return path.resolve(chosen);
  return defaultDatabasePath(host);
}

/** The app's own database in its data directory, whatever `--db` or `CARDPLAN_DB` say. */
export function defaultDatabasePath(host: PlatformEnv = hostPlatform()): string {
  return path.join(defaultDataDir(host), DATABASE_FILE_NAME);
}
