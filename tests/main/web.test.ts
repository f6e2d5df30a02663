import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src-main/db/open.ts';
import { MAX_BODY_BYTES, startHarness, staticFile, TOKEN_HEADER, type Harness } from '../../src-main/web/server.ts';
import { PACKAGE, tempDir } from '../helpers.ts';

// The harness serves whatever renderer folder it is given; a tiny one keeps this test independent of `npm run build`.
const dir = tempDir();
const rendererDir = path.join(dir, 'renderer');
fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
fs.writeFileSync(path.join(rendererDir, 'index.html'), '<html><head><title>t</title></head><body></body></html>');
fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside the renderer folder');
const bridgeFile = path.join(dir, 'bridge.js');
fs.writeFileSync(bridgeFile, '/* bridge */');

let db: Db;
let harness: Harness;

beforeAll(async () => {
  const databasePath = path.join(dir, 'cardplan.db');
  db = openDatabase(databasePath);
  harness = await startHarness({ ctx: { db, databasePath, runtime: 'node' }, rendererDir, bridgeFile });
});
afterAll(async () => {
  await harness.close();
  db.close();
});

interface Reply {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

/** A raw HTTP request, so the test controls the Host header and the exact path. */
function request(options: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: harness.port,
        method: options.method ?? 'GET',
        path: options.path ?? '/',
        headers: { host: `127.0.0.1:${harness.port}`, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' || error.code === 'EPIPE' ? resolve({ status: -1, body: '', headers: {} }) : reject(error)));
    req.end(options.body);
  });
}

const invoke = (body: unknown, headers: Record<string, string> = { [TOKEN_HEADER]: harness.token }) =>
  request({ method: 'POST', path: '/api/invoke', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('browser harness', () => {
  it('listens on 127.0.0.1 and prints that address', () => {
    expect(harness.url).toBe(`http://127.0.0.1:${harness.port}/`);
  });

  it('serves the page with its token and the bridge script, under a strict CSP', async () => {
    const reply = await request({});
    expect(reply.status).toBe(200);
    expect(reply.body).toContain(`<meta name="cardplan-token" content="${harness.token}" />`);
    expect(reply.body).toContain('<script src="/__cardplan/bridge.js"></script>\n  </head>');
    expect(reply.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await request({ path: '/__cardplan/bridge.js' })).body).toBe('/* bridge */');
    expect((await request({ path: '/assets/app.js' })).body).toBe('console.log(1)');
  });

  it.each(['evil.example:80', 'localhost', `localhost:PORT`, `127.0.0.1`, `127.0.0.2:PORT`])('refuses Host %s', async (host) => {
    const reply = await request({ headers: { host: host.replace('PORT', String(harness.port)) } });
    expect(reply.status).toBe(421);
    const api = await invoke({ channel: 'app:info' }, { host: host.replace('PORT', String(harness.port)), [TOKEN_HEADER]: harness.token });
    expect(api.status).toBe(421);
  });

  it('answers a call with the token through the real services', async () => {
    const reply = await invoke({ channel: 'app:info' });
    expect(reply.status).toBe(200);
    const result = JSON.parse(reply.body);
    expect(result.ok).toBe(true);
    expect(result.value.version).toBe(PACKAGE.version);
    expect(result.value.catalog.cardCount).toBe(57);
  });

  it('refuses calls without the token, with a wrong one, or from another origin', async () => {
    expect((await invoke({ channel: 'app:info' }, {})).status).toBe(403);
    expect((await invoke({ channel: 'app:info' }, { [TOKEN_HEADER]: 'x'.repeat(harness.token.length) })).status).toBe(403);
    expect((await invoke({ channel: 'app:info' }, { [TOKEN_HEADER]: harness.token, origin: 'http://evil.example' })).status).toBe(403);
    expect((await invoke({ channel: 'app:info' }, { [TOKEN_HEADER]: harness.token, origin: `http://127.0.0.1:${harness.port}` })).status).toBe(200);
  });

  it('returns the error envelope for bad calls and plain errors for bad HTTP', async () => {
    expect(JSON.parse((await invoke({ channel: 'app:nothing' })).body).error.code).toBe('unknown_channel');
    expect(JSON.parse((await invoke({ channel: 'app:info', request: { x: 1 } })).body).error.code).toBe('invalid_input');
    const notJson = await request({ method: 'POST', path: '/api/invoke', headers: { [TOKEN_HEADER]: harness.token }, body: '{nope' });
    expect(notJson.status).toBe(400);
    expect((await request({ path: '/api/invoke' })).status).toBe(405);
  });

  it('refuses a body over the size limit without reading it all', async () => {
    const reply = await request({ method: 'POST', path: '/api/invoke', headers: { [TOKEN_HEADER]: harness.token }, body: Buffer.alloc(MAX_BODY_BYTES + 1, 32) });
    expect([413, -1]).toContain(reply.status);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const p of ['/../secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e/secret.txt']) {
      const reply = await request({ path: p });
      expect(reply.status, p).toBe(404);
      expect(reply.body).not.toContain('outside the renderer folder');
    }
    // `..` is resolved against the URL root, so it can never climb out of the folder.
    expect(staticFile(rendererDir, '/..%2f..%2fsecret.txt')).toBe(path.join(rendererDir, 'secret.txt'));
    expect(staticFile(rendererDir, '/%E0%A4%A')).toBeUndefined();
  });
});
