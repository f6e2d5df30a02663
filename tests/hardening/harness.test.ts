/**
 * The loopback server of `npm run web`: whatever Host header, Origin or token a request carries,
 * only the exact address it printed with the page's token reaches the services.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Db } from '../../src-main/db/open.ts';
import { startHarness, TOKEN_HEADER, type Harness } from '../../src-main/web/server.ts';
import { tempDir } from '../helpers.ts';

let db: Db;
let harness: Harness;

beforeAll(async () => {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'renderer'));
  fs.writeFileSync(path.join(dir, 'renderer', 'index.html'), '<html><head></head><body></body></html>');
  fs.writeFileSync(path.join(dir, 'bridge.js'), '');
  const file = path.join(dir, 'h.db');
  db = openStore(file, { keepDailyBackups: 0 }).db;
  harness = await startHarness({ ctx: { db, databasePath: file, runtime: 'node' }, rendererDir: path.join(dir, 'renderer'), bridgeFile: path.join(dir, 'bridge.js') });
});
afterAll(async () => {
  await harness.close();
  db.close();
});

function post(headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: harness.port, method: 'POST', path: '/api/invoke', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(JSON.stringify({ channel: 'project:create', request: { fields: { name: 'via harness' } } }));
  });
}

describe('the browser harness refuses strangers', () => {
  it('any other Host, any other Origin, any wrong or missing token: refused, and nothing is created', async () => {
    const good = `127.0.0.1:${harness.port}`;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constant(good), fc.domain(), fc.constantFrom(`localhost:${harness.port}`, `127.0.0.1`, `[::1]:${harness.port}`, `127.0.0.1:${harness.port + 1}`, `evil.example:${harness.port}`)),
        fc.oneof(fc.constant(harness.token), fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 0, maxLength: 60 }), fc.constant('')),
        fc.option(fc.constantFrom(`http://${good}`, 'http://evil.example', 'null', `http://localhost:${harness.port}`), { nil: undefined }),
        async (host, token, origin) => {
          const allowed = host === good && token === harness.token && (origin === undefined || origin === `http://${good}`);
          if (allowed) return; // the one legitimate combination is exercised by the e2e tests
          const headers: Record<string, string> = { host, [TOKEN_HEADER]: token, 'content-type': 'application/json' };
          if (origin !== undefined) headers.origin = origin;
          const status = await post(headers);
          expect([403, 421]).toContain(status);
        },
      ),
      { numRuns: 150 },
    );
    expect(db.prepare('SELECT count(*) FROM projects').pluck().get()).toBe(0);
  });
});
