import { spawn } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers.ts';

/** Runs the writer until SIGKILL lands `killAfterMs` after it is ready; returns the acknowledged project numbers. */
function runAndKill(file: string, prefix: string, killAfterMs: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'tests/fixtures/durability-writer.ts'), file, prefix], { cwd: ROOT });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      const first = !out.includes('ready');
      out += d.toString();
      if (first && out.includes('ready')) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`writer ended without SIGKILL: ${err}`));
      // A line cut by the kill is not an acknowledgement.
      const acks = [...out.matchAll(/^ack (\d+)$/gm)].map((m) => Number(m[1]));
      resolve(acks);
    });
  });
}

describe('durability under SIGKILL', () => {
  it('keeps every acknowledged project and an intact database across many random kills', async () => {
    const file = path.join(tempDir(), 'durable.db');
    const kills = 12;
    let acknowledged = 0;
    for (let round = 0; round < kills; round++) {
      const killAfter = Math.floor(Math.random() * 400);
      const acks = await runAndKill(file, `r${round}`, killAfter);
      acknowledged += acks.length;
      const db = new Database(file, { readonly: true });
      expect(db.pragma('integrity_check', { simple: true }), `round ${round}`).toBe('ok');
      const names = new Set(db.prepare('SELECT name FROM projects').pluck().all() as string[]);
      for (const n of acks) expect(names.has(`r${round}-${n}`), `round ${round}: acknowledged project ${n} lost`).toBe(true);
      // Every project came with its workload, in the same transaction.
      expect(db.prepare('SELECT count(*) FROM projects p WHERE NOT EXISTS (SELECT 1 FROM workloads w WHERE w.project_id = p.id)').pluck().get()).toBe(0);
      db.close();
    }
    console.log(`durability: ${kills} SIGKILLs, ${acknowledged} acknowledged projects, none lost, integrity ok`);
    expect(acknowledged).toBeGreaterThan(0);
  }, 120_000);
});
