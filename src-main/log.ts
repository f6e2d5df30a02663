/**
 * The main process's log file (`logs/main.log` beside the database): errors with their stacks, so a
 * user can send them (Help → Report a problem) while the window only ever shows one-line messages.
 * Rotates at 1 MB, keeping one older file.
 */
import fs from 'node:fs';
import path from 'node:path';

export const MAX_LOG_BYTES = 1024 * 1024;

export interface Logger {
  file: string;
  error(message: string, error?: unknown): void;
  info(message: string): void;
  /** The last lines, for diagnostics. */
  tail(lines: number): string[];
}

export function createLogger(file: string, now: () => number = Date.now): Logger {
  const write = (level: string, text: string): void => {
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      if (fs.existsSync(file) && fs.statSync(file).size > MAX_LOG_BYTES) fs.renameSync(file, `${file}.1`);
      fs.appendFileSync(file, `${new Date(now()).toISOString()} ${level} ${text}\n`);
    } catch {
      // Logging must never be the thing that fails.
    }
  };
  return {
    file,
    error: (message, error) => write('ERROR', error === undefined ? message : `${message}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
    info: (message) => write('INFO', message),
    tail: (lines) => {
      try {
        return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines);
      } catch {
        return [];
      }
    },
  };
}
