/**
 * The browser harness's preload: builds the same `window.cardplan` object as src-main/preload.ts,
 * with each call sent to the loopback server instead of Electron's IPC. The server puts its
 * per-run token in a <meta> tag of the page it serves; calls without it are refused.
 */
import { createApi, type CommandSource, type Result } from '../../../shared/contract.ts';

const token = document.querySelector<HTMLMetaElement>('meta[name="cardplan-token"]')?.content ?? '';

async function invoke(channel: string, request: unknown): Promise<Result<unknown>> {
  const response = await fetch('/api/invoke', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-cardplan-token': token },
    body: JSON.stringify({ channel, request }),
  });
  if (!response.ok) {
    return { ok: false, error: { code: 'internal', message: `harness answered HTTP ${response.status}: ${await response.text()}` } };
  }
  return (await response.json()) as Result<unknown>;
}

Object.defineProperty(window, 'cardplan', { value: createApi(invoke), writable: false, configurable: false });

// The browser has no native menu: nothing ever sends a command here.
const commands: CommandSource = { subscribe: () => () => {} };
Object.defineProperty(window, 'cardplanCommands', { value: Object.freeze(commands), writable: false, configurable: false });
