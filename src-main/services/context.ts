import type { Db } from '../db/open.ts';

/** What every main-process service works with: the open database and where it lives. */
export interface ServiceContext {
  db: Db;
  databasePath: string;
  runtime: 'electron' | 'node';
}
