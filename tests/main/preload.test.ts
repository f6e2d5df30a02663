import { describe, expect, it, vi } from 'vitest';
import { METHODS } from '../../shared/contract.ts';

// Electron's module cannot load in plain Node; record what the preload does with it instead.
const exposed: Record<string, unknown> = {};
const invoked: unknown[][] = [];
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
  },
}));

describe('preload', () => {
  it('exposes only window.cardplan, with one method per contract channel over ipcRenderer.invoke', async () => {
    await import('../../src-main/preload.ts');
    expect(Object.keys(exposed)).toEqual(['cardplan']);
    const api = exposed.cardplan as Record<string, (request?: unknown) => Promise<unknown>>;
    expect(Object.keys(api).sort()).toEqual([...METHODS].sort());
    expect(await api.appInfo!()).toEqual({ ok: true, value: 'from main' });
    expect(invoked).toEqual([['app:info', undefined]]);
  });
});
