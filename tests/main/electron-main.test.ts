import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../shared/contract.ts';
import { CARDPLAN_APPLICATION_ID } from '../../src-main/db/open.ts';
import { LATEST_SCHEMA, PACKAGE, ROOT, tempDir } from '../helpers.ts';

// Runs the built Electron main bundle (out/main/main.mjs, made by `npm run build`, which `npm test`
// runs first) under Node, with a stand-in `electron` module that records what it does. This checks
// the bundle's wiring that unit tests of the sources cannot: its neighbours (preload, renderer,
// migrations) are where it looks for them and its IPC handlers answer through the contract.
const bundle = path.join(ROOT, 'out/main/main.mjs');
const register = path.join(ROOT, 'tests/fixtures/fake-electron/register.mjs');

function runMain(databasePath: string, env: Record<string, string> = {}): Record<string, any> {
  const run = spawnSync(process.execPath, ['--import', register, bundle], {
    cwd: ROOT,
    env: { ...process.env, CARDPLAN_DB: databasePath, ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout);
}

describe('the bundled Electron main process', () => {
  beforeAll(() => {
    if (!fs.existsSync(bundle)) throw new Error(`${bundle} is missing: run \`npm run build\` first (\`npm test\` does)`);
  });

  it('opens the database, registers every channel and loads the renderer with a sandboxed preload', () => {
    const databasePath = path.join(tempDir(), 'app.db');
    const report = runMain(databasePath);
    // main registers exactly the contract's channels
    expect(report.channels).toEqual(Object.values(CHANNELS));
    expect(report.channels).toContain('project:create');
    expect(report.windows).toHaveLength(1);
    const [win] = report.windows;
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(win.preloadExists).toBe(true);
    expect(report.permissions).toEqual({ request: false, check: false }); // every permission refused
    // The native menu, in the system's language (en-US here) until the user picks one.
    expect(report.menu.map((m: { label: string }) => m.label)).toEqual(['File', 'Edit', 'View', 'Help']);
    expect(report.menu[0].items).toEqual(['New project', 'Open the example project', 'Import project file…', 'separator', 'Export project file…', 'Export quote (Excel)…', 'separator', 'Recent projects', 'separator', 'Quit']);
    expect(win.loadedFile).toBe(path.join(ROOT, 'out/renderer/index.html'));
    expect(win.loadedFileExists).toBe(true);
    expect(report.calls.own).toMatchObject({ ok: true, value: { version: PACKAGE.version, databasePath, schemaVersion: LATEST_SCHEMA } });
    expect(report.calls.own.value.catalog.cardCount).toBe(57);
    expect(report.calls.foreign).toEqual({ ok: false, error: { code: 'invalid_input', message: 'app:info: refused a call from https://evil.example/' } });
    expect(report.calls.badPayload.error.code).toBe('invalid_input');
  });

  it('tells the user, before the window opens, when a damaged database was replaced by its backup', () => {
    const databasePath = path.join(tempDir(), 'damaged.db');
    runMain(databasePath); // creates the database and today's backup
    const fold = new Database(databasePath);
    fold.pragma('wal_checkpoint(TRUNCATE)'); // fold the WAL into the file, as a clean quit does
    fold.close();
    fs.writeFileSync(databasePath, Buffer.alloc(fs.statSync(databasePath).size, 0x41));
    const report = runMain(databasePath);
    expect(report.messages).toHaveLength(1);
    expect(report.messages[0]).toMatch(/was damaged\. It was moved to .* \(kept, not deleted\) and the backup .* was restored/);
    expect(report.calls.own.value.storeNotices).toEqual(report.messages);
  });

  it('shows a one-line error box and quits when the database is from a newer CardPlan', () => {
    const databasePath = path.join(tempDir(), 'future.db');
    const db = new Database(databasePath);
    db.pragma('user_version = 999');
    db.pragma(`application_id = ${CARDPLAN_APPLICATION_ID}`); // a newer CardPlan marks its files too
    db.close();
    const report = runMain(databasePath);
    expect(report.errorBox.title).toBe('CardPlan');
    expect(report.errorBox.message).toMatch(/was written by a newer version of CardPlan \(schema 999/);
  });

  it('leaves a file that is not CardPlan\'s untouched, says so, and runs on its own database', () => {
    const dir = tempDir();
    const foreign = path.join(dir, 'budget.xlsx');
    fs.writeFileSync(foreign, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(2048, 7)]));
    const before = fs.readFileSync(foreign);
    const config = path.join(tempDir(), 'config');
    const report = runMain(foreign, { XDG_CONFIG_HOME: config });
    const own = path.join(config, 'CardPlan', 'cardplan.db');
    expect(report.messages).toEqual([`${foreign} is not a CardPlan database (it is not an SQLite database file); nothing was changed. CardPlan opened its own database instead: ${own}`]);
    expect(report.calls.own.value.databasePath).toBe(own);
    expect(report.calls.own.value.storeNotices).toEqual(report.messages);
    expect(fs.readFileSync(foreign).equals(before)).toBe(true);
    expect(fs.readdirSync(dir)).toEqual(['budget.xlsx']); // no backups, logs or journal beside it
  });
});
