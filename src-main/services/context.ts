import { CardPlanError } from '../../shared/errors.ts';
import type { Db } from '../db/open.ts';

/** What every main-process service works with: the open database and where it lives. */
export interface ServiceContext {
  db: Db;
  databasePath: string;
  runtime: 'electron' | 'node';
  /** True for commands that run without a database (`withoutDatabase`). */
  storeless?: boolean;
  /** What opening the store reported (a damaged file moved aside, a backup restored): shown to the user. */
  notices?: string[];
}

/**
 * A context for commands that never touch the store (`cardplan size`): using its database is a bug,
 * reported as such, and no database file is created in the user's data directory.
 */
export function withoutDatabase(runtime: 'electron' | 'node' = 'node'): ServiceContext {
  return {
    get db(): Db {
      throw new CardPlanError('internal', 'this command works without a database');
    },
    databasePath: '',
    runtime,
    storeless: true,
  };
}
