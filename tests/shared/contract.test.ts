import { describe, expect, it } from 'vitest';
import { CHANNELS, createApi, METHODS, methodForChannel, type Result } from '../../shared/contract.ts';

describe('createApi', () => {
  it('exposes exactly one method per contract channel, each sending to its own channel', async () => {
    const sent: [string, unknown][] = [];
    const api = createApi(async (channel, request) => {
      sent.push([channel, request]);
      return { ok: true, value: channel } satisfies Result<unknown>;
    });
    expect(Object.keys(api).sort()).toEqual([...METHODS].sort());
    expect(await api.appInfo()).toEqual({ ok: true, value: 'app:info' });
    expect(sent).toEqual([['app:info', undefined]]);
  });

  it('returns a frozen object, so a page script cannot swap a method', () => {
    const api = createApi(async () => ({ ok: true, value: null }));
    expect(Object.isFrozen(api)).toBe(true);
  });
});

describe('channel names', () => {
  it('read domain:verb and are unique', () => {
    const names = METHODS.map((method) => CHANNELS[method]);
    for (const name of names) expect(name).toMatch(/^[a-z]+:[a-z][a-zA-Z]*$/);
    expect(new Set(names).size).toBe(names.length);
  });

  it('map back to their method, and nothing else does', () => {
    expect(methodForChannel('app:info')).toBe('appInfo');
    expect(methodForChannel('app:nothing')).toBeUndefined();
    expect(methodForChannel('toString')).toBeUndefined();
    expect(methodForChannel(42)).toBeUndefined();
  });
});
