/**
 * The Electron main process: opens the database, registers one IPC handler per contract channel
 * (all through `dispatch`), and shows the window with the renderer bundle from out/renderer.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, session } from 'electron';
import { CHANNELS, METHODS } from '../shared/contract.ts';
import { openStore } from './db/open.ts';
import { dispatch } from './ipc/handlers.ts';
import { electronNativeBinding } from './native.ts';
import { resolveDatabasePath } from './paths.ts';
import type { ServiceContext } from './services/context.ts';
import { createSecureWindow, isAppUrl, lockDownSession } from './window.ts';

// This file is bundled to out/main/main.mjs; the preload and the renderer are its neighbours.
const here = path.dirname(fileURLToPath(import.meta.url));
const preloadPath = path.join(here, 'preload.cjs');
const rendererDir = path.join(here, '..', 'renderer');
const rendererDirUrl = pathToFileURL(rendererDir + path.sep).href;

function argValue(flag: string): string | undefined {
  const index = process.argv.indexOf(flag);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function registerHandlers(ctx: ServiceContext): void {
  for (const method of METHODS) {
    const channel = CHANNELS[method];
    ipcMain.handle(channel, (event, payload: unknown) => {
      // Only our own page may call main; a frame that navigated elsewhere gets nothing.
      const from = event.senderFrame?.url ?? '';
      if (!isAppUrl(from, rendererDirUrl)) {
        return { ok: false, error: { code: 'invalid_input', message: `${channel}: refused a call from ${from || 'an unknown frame'}` } };
      }
      return dispatch(ctx, channel, payload);
    });
  }
}

function createWindow(): void {
  const win = createSecureWindow(BrowserWindow, preloadPath);
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, rendererDirUrl)) event.preventDefault();
  });
  // No pop-ups and no external links: everything CardPlan shows is in its one window.
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.once('ready-to-show', () => win.show());
  void win.loadFile(path.join(rendererDir, 'index.html'));
}

async function start(): Promise<void> {
  await app.whenReady();
  lockDownSession(session.defaultSession);
  const databasePath = resolveDatabasePath(argValue('--db'));
  let ctx: ServiceContext;
  try {
    const { db, notices } = openStore(databasePath, { nativeBinding: electronNativeBinding(app.getAppPath(), app.isPackaged, process.resourcesPath) });
    ctx = { db, databasePath, runtime: 'electron', notices };
    // A damaged database was moved aside and a backup restored: say so before anything else.
    for (const notice of notices) dialog.showMessageBoxSync({ type: 'warning', title: 'CardPlan', message: notice });
  } catch (error) {
    dialog.showErrorBox('CardPlan', (error as Error).message);
    app.exit(1);
    return;
  }
  registerHandlers(ctx);
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => ctx.db.close());
}

void start();
