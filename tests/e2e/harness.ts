/**
 * Starts `npm run web`'s server (src-main/web/main.ts) as its own process with a fresh database,
 * exactly as a developer runs it, and reads the URL it prints. Needs `npm run build` first.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';
import { ROOT } from '../helpers.ts';

export interface RunningHarness {
  url: string;
  databasePath: string;
}

async function startWeb(databasePath: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/web/main.ts', '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, CARDPLAN_DB: databasePath },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n')[0];
      if (stdout.includes('\n') && line) resolve(line.trim());
    });
    child.once('exit', (code) => reject(new Error(`npm run web exited with ${code}: ${stderr}`)));
  });
  return { child, url };
}

export const test = base.extend<{}, { harness: RunningHarness }>({
  harness: [
    async ({}, use) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cardplan-e2e-'));
      const databasePath = path.join(dir, 'cardplan.db');
      const { child, url } = await startWeb(databasePath);
      await use({ url, databasePath });
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      fs.rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
});

export { expect } from '@playwright/test';
