import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLayers } from '../../scripts/check-layers.ts';
import { ROOT, tempDir } from '../helpers.ts';

/** A throw-away tree with the three layers, each file given as path → source. */
function tree(files: Record<string, string>): string {
  const root = tempDir('cardplan-layers-');
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

const clean = {
  'shared/units.ts': "export const BYTES_PER_GIB = 2 ** 30;\n",
  'shared/contract.ts': "import { BYTES_PER_GIB } from './units.ts';\nexport const x = BYTES_PER_GIB;\n",
  'src-main/main.ts': "import fs from 'node:fs';\nimport { app } from 'electron';\nimport { x } from '../shared/contract.ts';\n",
  'src-renderer/App.svelte': "<script lang=\"ts\">\n  import { mount } from 'svelte';\n  import { x } from '../shared/contract.ts';\n  import type { Db } from '../src-main/db.ts';\n</script>\n<p>{x}</p>\n",
};

describe('layer check', () => {
  it('passes on this repository', () => {
    expect(checkLayers(ROOT)).toEqual([]);
  });

  it('passes on a tree that respects the layers (type-only imports are free)', () => {
    expect(checkLayers(tree(clean))).toEqual([]);
  });

  it('fails when shared/ imports node:fs, naming the file, the line and what is allowed', () => {
    const root = tree({ ...clean, 'shared/memory.ts': "// sizing\nimport fs from 'node:fs';\nexport const f = fs;\n" });
    expect(checkLayers(root)).toEqual([
      {
        file: 'shared/memory.ts',
        line: 2,
        specifier: 'node:fs',
        message: 'shared/ may import only shared/ (no node:*, electron, DOM or third-party packages)',
      },
    ]);
    // …and the command run by `npm test` exits non-zero with that line.
    const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/check-layers.ts'), root], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("shared/memory.ts:2: imports 'node:fs': shared/ may import only shared/");
  });

  it.each([
    ['shared/a.ts', "export { x } from 'zod';\n", 'zod'],
    ['shared/a.ts', "const p = require('path');\n", 'path'],
    ['shared/a.ts', "export const load = () => import('../src-main/db.ts');\n", '../src-main/db.ts'],
    ['src-renderer/a.ts', "import { ipcRenderer } from 'electron';\n", 'electron'],
    ['src-renderer/a.ts', "import fs from 'fs';\n", 'fs'],
    ['src-renderer/a.ts', "import { openDatabase } from '../src-main/db/open.ts';\n", '../src-main/db/open.ts'],
    ['src-renderer/B.svelte', "<script lang=\"ts\">\n  import Database from 'better-sqlite3';\n</script>\n", 'better-sqlite3'],
    ['src-main/a.ts', "import App from '../src-renderer/App.svelte';\n", '../src-renderer/App.svelte'],
    ['src-main/web/page/a.ts', "import http from 'node:http';\n", 'node:http'],
  ])('flags %s importing %j', (file, text, specifier) => {
    const violations = checkLayers(tree({ ...clean, [file]: text }));
    expect(violations.map((v) => [v.file, v.specifier])).toEqual([[file, specifier]]);
  });
});
