import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** package.json read from disk, not through the app's own import of it. */
export const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string; productName: string };

/** A fresh temporary directory, removed when the test process ends. */
export function tempDir(prefix = 'cardplan-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The schema version a fresh database reaches: one per migration file shipped in src-main/db/migrations. */
export const LATEST_SCHEMA = fs.readdirSync(path.join(ROOT, 'src-main/db/migrations')).filter((f) => /^\d{4}-.*\.sql$/.test(f)).length;
