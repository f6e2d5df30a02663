import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src-main/cli/main.ts';
import { LATEST_SCHEMA, PACKAGE, ROOT, tempDir } from '../helpers.ts';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('cardplan CLI', () => {
  it('--help lists the commands and exits 0', async () => {
    const { code, out, err } = await run(['--help']);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).toMatch(/^CardPlan \d+\.\d+\.\d+: capacity planning/);
    expect(out).toContain('cardplan info [--db PATH] [--json]');
  });

  it('--version prints the version of package.json', async () => {
    expect(await run(['--version'])).toEqual({ code: 0, out: `${PACKAGE.version}\n`, err: '' });
  });

  it('info --json reads the same service as the window', async () => {
    const db = path.join(tempDir(), 'cli.db');
    await run(['project', 'new', 'x', '--db', db]); // info only reads: the database must exist
    const { code, out } = await run(['info', '--db', db, '--json']);
    expect(code).toBe(0);
    const info = JSON.parse(out);
    expect(info).toMatchObject({ version: PACKAGE.version, databasePath: db, schemaVersion: LATEST_SCHEMA, runtime: 'node' });
    expect(info.catalog).toEqual({ cardCount: 57, nvidiaCardCount: 25, domesticCardCount: 32, vendorCount: 11 });
  });

  it('info prints a human summary', async () => {
    const db = path.join(tempDir(), 'cli.db');
    await run(['project', 'new', 'x', '--db', db]);
    const { out } = await run(['info', '--db', db]);
    expect(out).toBe(`CardPlan ${PACKAGE.version}\ndatabase: ${db} (schema ${LATEST_SCHEMA})\nbuilt-in cards: 57 (25 NVIDIA, 32 domestic, 11 vendors)\n`);
  });

  it.each([
    [['frobnicate'], "cardplan: unknown command or option 'frobnicate'; run 'cardplan --help' for the commands\n"],
    [['info', '--dbx', 'a'], "cardplan: info: unknown option '--dbx'; allowed: --db PATH, --json\n"],
    [['info', '--db'], "cardplan: info: option '--db' needs a value; allowed: --db PATH, --json\n"],
    [['info', 'extra'], "cardplan: info: unexpected argument 'extra'; allowed: --db PATH, --json\n"],
  ])('bad usage %j: exit 2, one line on stderr', async (argv, message) => {
    expect(await run(argv)).toEqual({ code: 2, out: '', err: message });
  });

  it('a database it cannot open: exit 1, one line naming the file', async () => {
    const blocker = path.join(tempDir(), 'blocker');
    fs.writeFileSync(blocker, 'a file where a folder should be');
    const { code, err } = await run(['project', 'new', 'x', '--db', path.join(blocker, 'cardplan.db')]);
    expect(code).toBe(1);
    expect(err).toMatch(/^cardplan: Cannot open the database .*blocker\/cardplan.db: .+\n$/);
    expect(err.split('\n')).toHaveLength(2);
  });

  it('runs as `npx cardplan` from the checkout with no build step', () => {
    const out = execFileSync('npx', ['--no-install', 'cardplan', '--version'], { cwd: ROOT, encoding: 'utf8' });
    expect(out).toBe(`${PACKAGE.version}\n`);
    const bad = spawnSync('npx', ['--no-install', 'cardplan', '--nope'], { cwd: ROOT, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
