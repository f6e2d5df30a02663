/**
 * The command line and imported files, fed bad input: a non-zero exit, one line on stderr, no
 * stack trace, and the database unchanged.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { main } from '../../src-main/cli/main.ts';
import { ROOT, tempDir } from '../helpers.ts';

async function run(argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const hash = (file: string) => ['', '-wal'].map((s) => (fs.existsSync(file + s) ? crypto.createHash('sha256').update(fs.readFileSync(file + s)).digest('hex') : '-')).join();
const NOT_NUMBERS = ['-1', 'NaN', 'Infinity', '1e400', '', 'abc', '--', '"x"', '💥', 'x'.repeat(5000)];
/** Values each kind of option must refuse (a buffer of 1.5 is valid; a utilisation of 1.5 is not). */
const BAD: Record<string, string[]> = {
  count: [...NOT_NUMBERS, '0', '1.5', '99999999999999999999'],
  fraction: [...NOT_NUMBERS, '0', '1.5'],
  buffer: NOT_NUMBERS,
};
const KIND: Record<string, keyof typeof BAD> = { '--gpu-memory-utilization': 'fraction', '--buffer': 'buffer' };

describe('cardplan with malformed arguments', () => {
  it('size and plan: any bad value for any numeric option fails in one line, never a stack', async () => {
    const numeric = ['--context', '--concurrency', '--params', '--layers', '--heads', '--kv-heads', '--head-dim', '--gpu-memory-utilization', '--tp', '--pp', '--buffer', '--prompt-tokens'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('size', 'plan'), fc.constantFrom(...numeric), fc.nat(), async (command, option, pick) => {
        const bad = BAD[KIND[option] ?? 'count']!;
        const value = bad[pick % bad.length]!;
        const args = command === 'size' ? ['size', '--model', 'qwq-32b', '--card', 'nvidia-h20-96gb'] : ['plan', '--model', 'qwq-32b', '--cards', 'nvidia-h20-96gb'];
        if (option === '--params' || option === '--layers' || option === '--heads' || option === '--kv-heads' || option === '--head-dim') args.splice(1, 2);
        const r = await run([...args, option, value]);
        expect(r.code).not.toBe(0);
        expect(r.out).toBe('');
        expect(r.err.trimEnd().split('\n')).toHaveLength(1);
        expect(r.err).toMatch(/^cardplan: /);
        expect(r.err).not.toMatch(/\n\s+at |node:internal|\.ts:\d+/);
      }),
      { numRuns: 120 },
    );
  });

  it('project commands with bad ids and files leave the database byte-identical', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'p.db');
    await run(['project', 'new', '--example', '--db', db]);
    const before = hash(db);
    const junk = path.join(dir, 'junk.cardplan.json');
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), fc.anything(), async (id, content) => {
        fs.writeFileSync(junk, typeof content === 'string' ? content : JSON.stringify(content ?? null) ?? 'null');
        for (const argv of [['project', 'show', id || 'x', '--db', db], ['project', 'import', junk, '--db', db], ['quote', id || 'x', '--db', db, '--out', path.join(dir, 'q.xlsx')]]) {
          const r = await run(argv);
          expect(r.code, argv.join(' ')).not.toBe(0);
          expect(r.err.trimEnd().split('\n')).toHaveLength(1);
        }
      }),
      { numRuns: 40 },
    );
    expect(hash(db)).toBe(before);
    expect(fs.existsSync(path.join(dir, 'q.xlsx'))).toBe(false);
  });
});

describe('imported model files', () => {
  it('a 100 MB config.json is refused unread', async () => {
    const file = path.join(tempDir(), 'config.json');
    const fd = fs.openSync(file, 'w');
    fs.ftruncateSync(fd, 100 * 1024 * 1024);
    fs.closeSync(fd);
    const r = await run(['size', '--config', file]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/config\.json: 104857600 bytes is too large for a model config \(at most 4194304\)/);
  });

  it.each([
    [{ head_dim: 0 }, /config field head_dim must be an integer ≥ 1 \(got 0\)/],
    [{ head_dim: 1e15 }, /too large to compute exactly|must be/],
    [{ num_attention_heads: '40' }, /num_attention_heads must be an integer ≥ 1 \(got "40"\)/],
    [{ num_hidden_layers: -64 }, /num_hidden_layers must be an integer ≥ 1 \(got -64\)/],
    [{ vocab_size: 1.5 }, /vocab_size must be an integer ≥ 1 \(got 1\.5\)/],
  ])('a config that lies (%j) is refused in one line', async (patch, message) => {
    const qwq = JSON.parse(fs.readFileSync(path.join(ROOT, 'shared/catalog/models.json'), 'utf8')).find((m: { id: string }) => m.id === 'qwq-32b').config;
    const file = path.join(tempDir(), 'config.json');
    fs.writeFileSync(file, JSON.stringify({ ...qwq, ...patch }));
    const r = await run(['size', '--config', file, '--context', '4096']);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(message);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('two processes on one database', () => {
  it('write concurrently without corrupting it or losing an acknowledged project', async () => {
    const file = path.join(tempDir(), 'shared.db');
    const writer = (prefix: string) =>
      new Promise<number[]>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'tests/fixtures/durability-writer.ts'), file, prefix], { cwd: ROOT });
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          const ready = !out.includes('ready');
          out += d.toString();
          if (ready && out.includes('ready')) setTimeout(() => child.kill('SIGKILL'), 1500);
        });
        child.on('exit', () => resolve([...out.matchAll(/^ack (\d+)$/gm)].map((m) => Number(m[1]))));
      });
    const [a, b] = await Promise.all([writer('a'), writer('b')]);
    const db = new Database(file, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const names = new Set(db.prepare('SELECT name FROM projects').pluck().all() as string[]);
    for (const n of a) expect(names.has(`a-${n}`)).toBe(true);
    for (const n of b) expect(names.has(`b-${n}`)).toBe(true);
    db.close();
    expect(a.length + b.length).toBeGreaterThan(10);
  }, 60_000);
});
