/**
 * The preload: exposes `window.cardplan`, one method per contract channel, and nothing else
 * (never the raw `ipcRenderer`). Runs sandboxed, so it is bundled to CommonJS with only
 * `electron` left external.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createApi, type Result } from '../shared/contract.ts';

contextBridge.exposeInMainWorld(
  'cardplan',
  createApi((channel, request) => ipcRenderer.invoke(channel, request) as Promise<Result<unknown>>),
);
