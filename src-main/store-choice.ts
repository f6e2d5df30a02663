/**
 * Which database the desktop app runs on. The one the user chose (`--db`, `CARDPLAN_DB`) when it
 * is CardPlan's; when that file is something else (a spreadsheet, another program's database), it
 * is left untouched, the app says so and keeps running on its own default database.
 */
import { NotCardPlanDatabaseError, type OpenedStore } from './db/open.ts';

export interface ChosenStore extends OpenedStore {
  databasePath: string;
}

export function openChosenStore(chosen: string, fallback: string, open: (file: string) => OpenedStore): ChosenStore {
  try {
    return { ...open(chosen), databasePath: chosen };
  } catch (error) {
    if (!(error instanceof NotCardPlanDatabaseError) || chosen === fallback) throw error;
    const store = open(fallback);
    return { ...store, databasePath: fallback, notices: [`${error.message}. CardPlan opened its own database instead: ${fallback}`, ...store.notices] };
  }
}
