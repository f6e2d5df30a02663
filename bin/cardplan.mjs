#!/usr/bin/env node
// The `cardplan` command. Runs the bundle that `npm install` builds (out/cli/cardplan.mjs, which
// starts about as fast as plain Node) when it is newer than every source file; otherwise runs the
// TypeScript sources through tsx, so an edited checkout never runs stale code.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'out', 'cli', 'cardplan.mjs');

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

function bundleIsFresh() {
  try {
    const built = fs.statSync(bundle).mtimeMs;
    const sources = Math.max(newestSource(path.join(root, 'src-main')), newestSource(path.join(root, 'shared')), fs.statSync(path.join(root, 'package.json')).mtimeMs);
    return built >= sources;
  } catch {
    return false;
  }
}

if (bundleIsFresh()) {
  await import(bundle);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import('../src-main/cli/main.ts');
  process.exitCode = await main(process.argv.slice(2));
}
