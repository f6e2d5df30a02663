/**
 * The Electron main process: opens the store, registers one IPC handler per contract channel (all
 * through `dispatch`, answering only the app's own frame), shows the window with the renderer
 * bundle, builds the native menu in the user's language, keeps one instance, opens `.cardplan.json`
 * files, remembers the window's place, and logs every error to a file rather than crashing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, clipboard, dialog, ipcMain, Menu, screen, session, shell } from 'electron';
import { CHANNELS, COMMAND_CHANNEL, METHODS, type AppCommand } from '../shared/contract.ts';
import { openStore } from './db/open.ts';
import { dispatch } from './ipc/handlers.ts';
import { createLogger } from './log.ts';
import { diagnostics, menuTemplate, type MenuLanguage } from './menu.ts';
import { electronNativeBinding } from './native.ts';
import { defaultDatabasePath, resolveDatabasePath } from './paths.ts';
import { openChosenStore } from './store-choice.ts';
import type { ServiceContext } from './services/context.ts';
import { importProject, readProjectFile } from './services/project-file.ts';
import { listProjects } from './services/projects.ts';
import { getSettings, setSettings } from './services/settings.ts';
import { APP_NAME, APP_VERSION } from './version.ts';
import { createSecureWindow, isAppUrl, lockDownSession, WINDOW_DEFAULTS } from './window.ts';
import { readWindowState, restoreBounds, writeWindowState } from './window-state.ts';
import { schemaVersion } from './db/open.ts';

// This file is bundled to out/main/main.mjs; the preload and the renderer are its neighbours.
const here = path.dirname(fileURLToPath(import.meta.url));
const preloadPath = path.join(here, 'preload.cjs');
const rendererDir = path.join(here, '..', 'renderer');
const rendererDirUrl = pathToFileURL(rendererDir + path.sep).href;

function argValue(flag: string): string | undefined {
  const index = process.argv.indexOf(flag);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

/** `.cardplan.json` paths among command-line arguments (file associations, a second launch). */
const projectFilesIn = (argv: string[]): string[] => argv.filter((a) => a.toLowerCase().endsWith('.cardplan.json') && fs.existsSync(a));

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  // Files the system asks us to open (macOS 'open-file', or arguments) before the window is ready wait here.
  const pendingFiles: string[] = projectFilesIn(process.argv.slice(1));
  let openFile: ((file: string) => void) | null = null;
  app.on('open-file', (event, file) => {
    event.preventDefault();
    if (openFile) openFile(file);
    else pendingFiles.push(file);
  });
  await app.whenReady();
  lockDownSession(session.defaultSession);

  const nativeBinding = electronNativeBinding(app.getAppPath(), app.isPackaged, process.resourcesPath);
  const chosenPath = resolveDatabasePath(argValue('--db'));
  let ctx: ServiceContext;
  let databasePath = chosenPath;
  try {
    // A file at the chosen path that is not CardPlan's is left untouched: the app says so and runs on its own database.
    const store = openChosenStore(chosenPath, defaultDatabasePath(), (file) => openStore(file, { nativeBinding }));
    databasePath = store.databasePath;
    ctx = { db: store.db, databasePath, runtime: 'electron', notices: store.notices };
  } catch (error) {
    createLogger(path.join(path.dirname(defaultDatabasePath()), 'logs', 'main.log')).error('cannot open the database', error);
    dialog.showErrorBox(APP_NAME, (error as Error).message);
    app.exit(1);
    return;
  }
  const dataDir = path.dirname(databasePath);
  const log = createLogger(path.join(dataDir, 'logs', 'main.log'));
  process.on('uncaughtException', (error) => log.error('uncaught exception', error));
  process.on('unhandledRejection', (error) => log.error('unhandled rejection', error));
  // A damaged database was moved aside and a backup restored, or the chosen file was not CardPlan's: say so before anything else.
  for (const notice of ctx.notices ?? []) {
    log.info(notice);
    dialog.showMessageBoxSync({ type: 'warning', title: APP_NAME, message: notice });
  }

  for (const method of METHODS) {
    const channel = CHANNELS[method];
    ipcMain.handle(channel, (event, payload: unknown) => {
      // Only our own page may call main; a frame that navigated elsewhere gets nothing.
      const from = event.senderFrame?.url ?? '';
      if (!isAppUrl(from, rendererDirUrl)) {
        log.error(`${channel}: refused a call from ${from || 'an unknown frame'}`);
        return { ok: false, error: { code: 'invalid_input', message: `${channel}: refused a call from ${from || 'an unknown frame'}` } };
      }
      return dispatch(ctx, channel, payload, (message, error) => log.error(message, error));
    });
  }

  const stateFile = path.join(dataDir, 'window-state.json');
  const saved = restoreBounds(readWindowState(stateFile), screen.getAllDisplays().map((d) => d.workArea));
  const win = createSecureWindow(BrowserWindow, preloadPath, saved ?? WINDOW_DEFAULTS);
  if (saved?.maximized) win.maximize();
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, rendererDirUrl)) event.preventDefault();
  });
  // No pop-ups and no external links: everything CardPlan shows is in its one window.
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('render-process-gone', (_event, details) => log.error(`renderer gone: ${details.reason}`));
  win.on('close', () => writeWindowState(stateFile, { ...win.getNormalBounds(), maximized: win.isMaximized() }));
  win.once('ready-to-show', () => win.show());

  const send = (command: AppCommand): void => win.webContents.send(COMMAND_CHANNEL, command);
  const language = (): MenuLanguage => {
    const chosen = getSettings(ctx).language;
    return chosen === 'system' ? (app.getLocale().toLowerCase().startsWith('zh') ? 'zh-CN' : 'en') : chosen;
  };
  const buildMenu = (): void => {
    const recent = listProjects(ctx).map((p) => ({ id: p.id, name: p.name }));
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        menuTemplate(language(), recent, {
          command: send,
          setLanguage: (l) => {
            setSettings(ctx, { language: l });
            send({ kind: 'language', language: l });
            buildMenu();
          },
          about: () =>
            void dialog.showMessageBox(win, { type: 'info', title: APP_NAME, message: `${APP_NAME} ${APP_VERSION}`, detail: `${dataDir}\n${databasePath}` }),
          openDataFolder: () => void shell.openPath(dataDir),
          reportProblem: () => {
            clipboard.writeText(
              diagnostics({ app: `${APP_NAME} ${APP_VERSION}`, versions: process.versions, platform: process.platform, arch: process.arch, databasePath, schemaVersion: schemaVersion(ctx.db), logFile: log.file, logTail: log.tail(50) }),
            );
            void dialog.showMessageBox(win, { type: 'info', title: APP_NAME, message: language() === 'zh-CN' ? '诊断信息已复制到剪贴板。' : 'Diagnostics copied to the clipboard.' });
          },
          quit: () => app.quit(),
        }),
      ),
    );
  };
  buildMenu();
  win.on('focus', buildMenu); // keeps Recent projects current

  /** Imports a `.cardplan.json` given by the system and shows it; a bad file gets one line, never a crash. */
  const openProjectFile = (file: string): void => {
    try {
      const { id } = importProject(ctx, readProjectFile(file));
      send({ kind: 'open-project', projectId: id });
    } catch (error) {
      log.error(`cannot open ${file}`, error);
      dialog.showErrorBox(APP_NAME, (error as Error).message);
    }
  };
  win.webContents.once('did-finish-load', () => {
    openFile = openProjectFile;
    pendingFiles.splice(0).forEach(openProjectFile);
  });
  app.on('second-instance', (_event, argv) => {
    if (win.isMinimized()) win.restore();
    win.focus();
    projectFilesIn(argv.slice(1)).forEach(openProjectFile);
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => ctx.db.close());
  void win.loadFile(path.join(rendererDir, 'index.html'));
}

void start();
