/**
 * The browser harness: serves the renderer bundle on 127.0.0.1 and answers `window.cardplan` calls
 * with the real main-process services (the same `dispatch` Electron's IPC uses). It is a
 * development and test tool, and it is built to be safe on a shared machine:
 * - it listens on the loopback address only;
 * - it refuses any request whose Host header is not exactly the address it printed (DNS rebinding);
 * - API calls need the per-run token, which only the page it serves receives, and a same-origin
 *   Origin header when the browser sends one.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { dispatch } from '../ipc/handlers.ts';
import { CONTENT_SECURITY_POLICY } from '../window.ts';
import type { ServiceContext } from '../services/context.ts';

export const LOOPBACK = '127.0.0.1';
export const TOKEN_HEADER = 'x-cardplan-token';
export const BRIDGE_PATH = '/__cardplan/bridge.js';
/** Large enough for any model config.json a user imports; a bigger body is refused unread. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;


const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

export interface HarnessOptions {
  ctx: ServiceContext;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** The built bridge script (out/web/bridge.js). */
  bridgeFile: string;
  /** 0 picks a free port. */
  port?: number;
}

export interface Harness {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

function send(res: http.ServerResponse, status: number, body: string | Buffer, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, {
    'content-type': type,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  });
  res.end(body);
}

function sameToken(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string' || given.length !== token.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(token));
}

function readBody(req: http.IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve('too-large');
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The page with the token and the bridge script added; the bridge must run before the app's module. */
function injectBridge(html: string, token: string): string {
  const tags = `<meta name="cardplan-token" content="${token}" />\n    <script src="${BRIDGE_PATH}"></script>\n  `;
  return html.replace('</head>', `${tags}</head>`);
}

/** Maps a URL path to a file inside `root`, or `undefined` when it would leave it. */
export function staticFile(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const file = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  return file === root || file.startsWith(root + path.sep) ? file : undefined;
}

async function handleApi(ctx: ServiceContext, req: http.IncomingMessage, res: http.ServerResponse, token: string, origin: string): Promise<void> {
  if (req.method !== 'POST') return send(res, 405, 'Only POST is accepted here.');
  if (req.headers.origin !== undefined && req.headers.origin !== origin) return send(res, 403, 'Cross-origin call refused.');
  if (!sameToken(req.headers[TOKEN_HEADER], token)) return send(res, 403, 'Missing or wrong harness token.');
  const body = await readBody(req);
  if (body === 'too-large') return send(res, 413, `Request body larger than ${MAX_BODY_BYTES} bytes refused.`);
  let message: { channel?: unknown; request?: unknown };
  try {
    message = JSON.parse(body.toString('utf8')) as typeof message;
  } catch {
    return send(res, 400, 'The request body is not JSON.');
  }
  if (typeof message !== 'object' || message === null) return send(res, 400, 'The request body must be {"channel", "request"}.');
  const result = await dispatch(ctx, message.channel, message.request);
  send(res, 200, JSON.stringify(result), 'application/json; charset=utf-8');
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const token = randomBytes(24).toString('hex');
  const rendererDir = path.resolve(options.rendererDir);
  let expectedHost = '';
  let origin = '';

  const server = http.createServer((req, res) => {
    if (req.headers.host !== expectedHost) return send(res, 421, `Host ${req.headers.host ?? '(none)'} refused; use ${origin}/`);
    const urlPath = (req.url ?? '/').split('?')[0] ?? '/';
    if (urlPath === '/api/invoke') {
      handleApi(options.ctx, req, res, token, origin).catch((error: unknown) => {
        console.error('harness: API request failed', error);
        if (!res.headersSent) send(res, 500, 'Internal error.');
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Only GET is accepted here.');
    if (urlPath === BRIDGE_PATH) return send(res, 200, fs.readFileSync(options.bridgeFile), CONTENT_TYPES['.js']);
    if (urlPath === '/' || urlPath === '/index.html') {
      const html = fs.readFileSync(path.join(rendererDir, 'index.html'), 'utf8');
      return send(res, 200, injectBridge(html, token), CONTENT_TYPES['.html']);
    }
    const file = staticFile(rendererDir, urlPath);
    if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) return send(res, 404, 'Not found.');
    send(res, 200, fs.readFileSync(file), CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream');
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  expectedHost = `${LOOPBACK}:${port}`;
  origin = `http://${expectedHost}`;
  return {
    url: `${origin}/`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
