/**
 * Builds (once per Electron version) the better-sqlite3 binary that Electron's main process loads,
 * into .cache/electron-native/…/better_sqlite3.node, without touching node_modules/better-sqlite3,
 * which stays built for Node 20 (tests, CLI, `npm run web`).
 *
 * It works on a copy of the package: first prebuild-install (a prebuilt Electron binary from the
 * better-sqlite3 releases), then node-gyp against Electron's headers. npm exports
 * `npm_config_nodedir` to scripts (this machine's npm config points it at Node's headers), which
 * would silently build for Node again, so it is removed from the child environment.
 * Needs internet, like Electron itself; run by `npm start` and `npm run dist`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronNativeDir, NATIVE_BINARY } from '../src-main/native.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): boolean {
  const result = spawnSync(command, args, { cwd, env, stdio: 'inherit' });
  return result.status === 0;
}

function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_config_(nodedir|target|runtime|disturl|dist_url|arch)$/i.test(key)) delete env[key];
  }
  return env;
}

/** Returns the path of the Electron-ABI binary, building it when missing. Throws with one line on failure. */
export function ensureElectronNative(electronVersion: string, arch = process.arch): string {
  const targetDir = electronNativeDir(root, electronVersion, process.platform, arch);
  const target = path.join(targetDir, NATIVE_BINARY);
  if (fs.existsSync(target)) return target;

  const pkgDir = path.dirname(require.resolve('better-sqlite3/package.json'));
  const work = `${targetDir}.work`;
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  for (const entry of ['package.json', 'binding.gyp', 'src', 'deps', 'lib']) {
    fs.cpSync(path.join(pkgDir, entry), path.join(work, entry), { recursive: true });
  }
  const env = cleanEnv();
  const common = [`--runtime=electron`, `--target=${electronVersion}`, `--arch=${arch}`];
  const prebuild = require.resolve('prebuild-install/bin.js', { paths: [pkgDir] });
  const built =
    run(process.execPath, [prebuild, ...common, '--verbose'], work, env) ||
    run(process.execPath, [nodeGyp(), 'rebuild', '--release', ...common, '--dist-url=https://electronjs.org/headers'], work, env);
  const output = path.join(work, 'build', 'Release', NATIVE_BINARY);
  if (!built || !fs.existsSync(output)) {
    throw new Error(`could not build better-sqlite3 for Electron ${electronVersion} (needs internet for Electron's headers or a prebuilt binary)`);
  }
  fs.mkdirSync(targetDir, { recursive: true });
  fs.copyFileSync(output, target);
  fs.rmSync(work, { recursive: true, force: true });
  return target;
}

function nodeGyp(): string {
  // npm tells scripts where its bundled node-gyp is; otherwise use one installed in the project.
  return process.env.npm_config_node_gyp || require.resolve('node-gyp/bin/node-gyp.js');
}

export function electronVersion(): string {
  return (require('electron/package.json') as { version: string }).version;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  try {
    console.log(ensureElectronNative(electronVersion()));
  } catch (error) {
    console.error(`cardplan: ${(error as Error).message}`);
    process.exit(1);
  }
}
