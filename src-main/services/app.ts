import type { AppInfo } from '../../shared/contract.ts';
import { BUILTIN_CARDS, summarizeCatalog } from '../../shared/catalog/cards.ts';
import { schemaVersion } from '../db/open.ts';
import { APP_NAME, APP_VERSION } from '../version.ts';
import type { ServiceContext } from './context.ts';

/** `app:info`: the version, where the data lives and what the built-in catalog holds. */
export function appInfo(ctx: ServiceContext): AppInfo {
  return {
    name: APP_NAME,
    version: APP_VERSION,
    runtime: ctx.runtime,
    databasePath: ctx.databasePath,
    schemaVersion: schemaVersion(ctx.db),
    storeNotices: ctx.notices ?? [],
    catalog: summarizeCatalog(BUILTIN_CARDS),
  };
}
