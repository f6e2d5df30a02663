import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src-main/db/open.ts';
import { CHANNELS } from '../../shared/contract.ts';
import { dispatch } from '../../src-main/ipc/handlers.ts';
import type { ServiceContext } from '../../src-main/services/context.ts';
import { LATEST_SCHEMA, PACKAGE, tempDir } from '../helpers.ts';

let db: Db;
let ctx: ServiceContext;

beforeEach(() => {
  const databasePath = path.join(tempDir(), 'cardplan.db');
  db = openDatabase(databasePath);
  ctx = { db, databasePath, runtime: 'node' };
});
afterEach(() => {
  if (db.open) db.close();
});

describe('dispatch', () => {
  it('answers app:info from the real services: version from package.json, 57 built-in cards', async () => {
    const result = await dispatch(ctx, 'app:info', undefined);
    expect(result).toEqual({
      ok: true,
      value: {
        name: 'CardPlan',
        version: PACKAGE.version,
        runtime: 'node',
        databasePath: ctx.databasePath,
        schemaVersion: LATEST_SCHEMA,
        storeNotices: [],
        catalog: { cardCount: 57, nvidiaCardCount: 25, domesticCardCount: 32, vendorCount: 11 },
      },
    });
  });

  it('refuses an unknown channel, naming the ones it knows', async () => {
    const result = await dispatch(ctx, 'project:drop', undefined);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('unknown_channel');
    expect(result.error.message).toBe(`Unknown channel "project:drop"; known: ${Object.values(CHANNELS).join(', ')}`);
    expect(result.error.message).toContain('project:list, project:get, project:create');
  });

  it.each([null, 42, {}, 'x', [1]])('refuses a payload its schema does not allow (%j) in one line', async (payload) => {
    const result = await dispatch(ctx, 'app:info', payload);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.message).toMatch(/^app:info: invalid request \(request: .+\)$/);
    expect(result.error.message).not.toContain('\n');
  });

  it('turns an unexpected failure into an internal error without a stack, and logs it in main', async () => {
    db.close(); // the service now fails inside better-sqlite3
    const logged: string[] = [];
    const result = await dispatch(ctx, 'app:info', undefined, (message) => logged.push(message));
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'app:info: internal error (The database connection is not open)' } });
    expect(logged).toEqual(['app:info failed']);
  });
});
