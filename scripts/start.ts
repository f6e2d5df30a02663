/**
 * `npm start`: (after `npm run build`) makes sure Electron's binary and the Electron-ABI
 * better-sqlite3 are there (both need internet the first time), then opens the app window.
 * Arguments after `--` go to the app, e.g. `npm start -- --db ./client.db`.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { electronVersion, ensureElectronNative } from './electron-native.ts';

const require = createRequire(import.meta.url);

function fail(message: string): never {
  console.error(`cardplan: ${message}`);
  process.exit(1);
}

let electronBinary: string;
try {
  // Resolving the `electron` package downloads its binary on first use.
  electronBinary = require('electron') as string;
} catch {
  fail("Electron's binary is not installed and could not be downloaded (no internet?); `npm run web` opens CardPlan in a browser instead.");
}
try {
  ensureElectronNative(electronVersion());
} catch (error) {
  fail((error as Error).message);
}
const child = spawn(electronBinary, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
