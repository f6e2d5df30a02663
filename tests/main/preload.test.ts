import { describe, expect, it, vi } from 'vitest';
import { METHODS } from '../../shared/contract.ts';

// Electron's module cannot load in plain Node; record what the preload does with it instead.
const exposed: Record<string, unknown> = {};
const invoked: unknown[][] = [];
const listeners: [string, (...args: unknown[]) => void][] = [];
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
  ipcRenderer: {
    invoke: async (...args: unknown[]) => {
      invoked.push(args);
      return { ok: true, value: 'from main' };
    },
    send: () => {
      throw new Error('the preload must not use send');
    },
    on: (channel: string, handler: (...args: unknown[]) => void) => listeners.push([channel, handler]),
    removeListener: (channel: string, handler: unknown) => {
      const i = listeners.findIndex(([c, h]) => c === channel && h === handler);
      if (i >= 0) listeners.splice(i, 1);
    },
  },
}));

describe('preload', () => {
  it('exposes window.cardplan, with exactly one method per contract channel over ipcRenderer.invoke, and the command subscription', async () => {
    await import('../../src-main/preload.ts');
    expect(Object.keys(exposed)).toEqual(['cardplan', 'cardplanCommands']);
    const api = exposed.cardplan as Record<string, (request?: unknown) => Promise<unknown>>;
    expect(Object.keys(api).sort()).toEqual([...METHODS].sort());
    expect(await api.appInfo!()).toEqual({ ok: true, value: 'from main' });
    expect(invoked).toEqual([['app:info', undefined]]);
  });
});

describe('menu commands', () => {
  it('reach a subscriber on the one command channel, until it unsubscribes', () => {
    const source = exposed.cardplanCommands as { subscribe(l: (c: unknown) => void): () => void };
    expect(Object.keys(source)).toEqual(['subscribe']);
    const got: unknown[] = [];
    const stop = source.subscribe((c) => got.push(c));
    expect(listeners.map(([c]) => c)).toEqual(['app:command']);
    listeners[0]![1]({}, { kind: 'export-quote' });
    expect(got).toEqual([{ kind: 'export-quote' }]);
    stop();
    expect(listeners).toEqual([]);
  });
});
