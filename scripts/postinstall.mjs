// Root postinstall: give online machines Electron's binary at install time, and never fail the
// install where it cannot be downloaded (machines that reach only the npm registry). There the
// tests, the CLI and `npm run web` work without it, and `npm start` tries the download again.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

let installer;
try {
  installer = require.resolve('electron/install.js');
} catch {
  process.exit(0); // production install without devDependencies: nothing to do
}

const result = spawnSync(process.execPath, [installer], {
  encoding: 'utf8',
  timeout: 10 * 60 * 1000,
  stdio: ['ignore', 'pipe', 'pipe'],
});
if (result.status !== 0) {
  const reason = (result.error?.message || result.stderr || '').split('\n').find((line) => line.trim()) ?? 'unknown error';
  console.log(
    `cardplan: Electron's binary was not downloaded (${reason.trim().slice(0, 120)}); tests, the CLI and \`npm run web\` work without it, \`npm start\` retries.`,
  );
}
