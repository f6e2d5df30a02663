/**
 * Error codes that cross the renderer ↔ main boundary. A small closed union, so tests and the
 * renderer can branch on `code` while `message` stays a one-line sentence for people.
 */
export type ErrorCode =
  | 'invalid_input' // the payload or an argument is malformed; the message names the field and what is allowed
  | 'unknown_channel' // the renderer asked for a channel main does not serve
  | 'not_found'
  | 'conflict'
  | 'storage' // the database could not be opened, read or written
  | 'internal'; // a bug: the message says so and nothing is half-written

export interface AppError {
  code: ErrorCode;
  message: string;
}

/**
 * An error that carries its code, thrown inside main and turned into the `{ ok: false }` envelope
 * at the boundary. Errors thrown through Electron's `ipcMain.handle` lose everything but their
 * message, which is why the envelope, not the exception, is what crosses.
 */
export class CardPlanError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'CardPlanError';
    this.code = code;
  }
}
