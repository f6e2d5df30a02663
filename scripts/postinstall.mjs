// Root postinstall:
// 1. Give online machines Electron's binary at install time, and never fail the install where it
//    cannot be downloaded (machines that reach only the npm registry). There the tests, the CLI and
//    `npm run web` work without it, and `npm start` tries the download again.
// 2. Bundle the `cardplan` command (out/cli/cardplan.mjs) so `npx cardplan` starts fast.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

let installer;
try {
  installer = require.resolve('electron/install.js');
} catch {
  installer = null; // production install without devDependencies
}

if (installer) {
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
}

if (fs.existsSync('scripts/build-cli.mjs') && fs.existsSync('src-main/cli/entry.ts')) {
  const built = spawnSync(process.execPath, ['scripts/build-cli.mjs'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (built.status !== 0) console.log('cardplan: the command-line bundle was not built; `npx cardplan` runs from the sources instead (slower start).');
}
