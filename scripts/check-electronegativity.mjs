// Runs Electronegativity (Doyensec's Electron security linter) over src-main and fails on any
// MEDIUM or HIGH finding. The tool itself exits 0 whatever it finds, so its CSV is read here.
//
// One check is excluded, with its reason: PRELOAD_JS_CHECK flags every use of a preload script
// "for review". CardPlan's preload is the contract's only bridge: it exposes one frozen object
// built from shared/contract.ts and nothing else (tests/main/preload.test.ts checks exactly that).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// Electronegativity names checks by class for -x (PreloadJSCheck), by id in its report (PRELOAD_JS_CHECK).
const EXCLUDED = ['PreloadJSCheck'];
const electronVersion = require('electron/package.json').version;
const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'eneg-')), 'report.csv');
const bin = path.join(path.dirname(require.resolve('@doyensec/electronegativity/package.json')), 'dist', 'index.js');
const input = process.argv[2] ?? 'src-main';
const run = spawnSync(process.execPath, [bin, '-i', input, '-e', electronVersion, '-x', EXCLUDED.join(','), '-o', out, '-r'], { encoding: 'utf8' });
if (!fs.existsSync(out)) {
  console.error(`electronegativity did not run: ${run.stderr || run.stdout}`);
  process.exit(1);
}
const rows = fs
  .readFileSync(out, 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.match(/("[^"]*"|[^,]+)/g)?.map((cell) => cell.replace(/^"|"$/g, '').trim()) ?? []);
const serious = rows.filter((r) => r[1] === 'MEDIUM' || r[1] === 'HIGH');
for (const r of rows) console.log(`electronegativity: ${r[1]} ${r[0]} ${r[3]}:${r[4]} ${r[6] ?? ''}`);
if (serious.length) {
  console.error(`electronegativity: ${serious.length} medium or high finding(s)`);
  process.exit(1);
}
console.log(`electronegativity: no medium or high findings in ${input} (Electron ${electronVersion}; excluded: ${EXCLUDED.join(', ')})`);
