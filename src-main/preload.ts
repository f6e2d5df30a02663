/**
 * The preload: exposes `window.cardplan`, one method per contract channel, and
 * `window.cardplanCommands`, the subscription to main's menu commands — nothing else (never the
 * raw `ipcRenderer`). Runs sandboxed, so it is bundled to CommonJS with only `electron` external.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { COMMAND_CHANNEL, createApi, type AppCommand, type CommandSource, type Result } from '../shared/contract.ts';

contextBridge.exposeInMainWorld(
  'cardplan',
  createApi((channel, request) => ipcRenderer.invoke(channel, request) as Promise<Result<unknown>>),
);

const commands: CommandSource = {
  subscribe(listener) {
    const handler = (_event: unknown, command: AppCommand) => listener(command);
    ipcRenderer.on(COMMAND_CHANNEL, handler);
    return () => ipcRenderer.removeListener(COMMAND_CHANNEL, handler);
  },
};
contextBridge.exposeInMainWorld('cardplanCommands', Object.freeze(commands));
