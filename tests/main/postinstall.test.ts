import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers.ts';

/** A project whose node_modules/electron/install.js behaves as given. */
function project(installJs: string): string {
  const dir = tempDir('cardplan-postinstall-');
  fs.mkdirSync(path.join(dir, 'scripts'));
  fs.copyFileSync(path.join(ROOT, 'scripts/postinstall.mjs'), path.join(dir, 'scripts/postinstall.mjs'));
  fs.mkdirSync(path.join(dir, 'node_modules/electron'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'node_modules/electron/package.json'), '{"name":"electron","version":"45.5.0"}');
  fs.writeFileSync(path.join(dir, 'node_modules/electron/install.js'), installJs);
  return dir;
}

const runIn = (dir: string) => spawnSync(process.execPath, ['scripts/postinstall.mjs'], { cwd: dir, encoding: 'utf8' });

describe('postinstall', () => {
  it('offline: the install still succeeds, with one line saying what works without Electron', () => {
    const dir = project("console.error('TypeError: fetch failed\\n    at download (x.js:1:1)'); process.exit(1);");
    const run = runIn(dir);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      "cardplan: Electron's binary was not downloaded (TypeError: fetch failed); tests, the CLI and `npm run web` work without it, `npm start` retries.\n",
    );
  });

  it('online: the binary is installed and nothing is printed', () => {
    const dir = project("require('fs').writeFileSync(__dirname + '/installed', 'yes');");
    const run = runIn(dir);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(fs.readFileSync(path.join(dir, 'node_modules/electron/installed'), 'utf8')).toBe('yes');
  });
});
