/**
 * The `cardplan` command. It calls the same `dispatch` and services as the window, so the CLI, the
 * app and the workbook cannot disagree about a number. Exit codes: 0 success, 1 the operation
 * failed (e.g. the database cannot be opened), 2 bad usage. Errors are one line on stderr.
 */
import type { AppInfo } from '../../shared/contract.ts';
import { CardPlanError } from '../../shared/errors.ts';
import { BUILTIN_CARDS, summarizeCatalog } from '../../shared/catalog/cards.ts';
import { NoDatabaseError, openStore, type Db } from '../db/open.ts';
import { resolveDatabasePath } from '../paths.ts';
import { withoutDatabase } from '../services/context.ts';
import { call, parseOptions, UsageError } from './args.ts';
import type { Io } from './io.ts';
import { cardsCommand, PLAN_USAGE, planCommand } from './plan.ts';
import { PRICES_USAGE, pricesCommand } from './prices.ts';
import { CHECK_LOG_USAGE, checkLogCommand } from './check-log.ts';
import { PROJECT_USAGE, projectCommand, type OpenDatabase } from './project.ts';
import { QUOTE_USAGE, quoteCommand } from './quote.ts';
import { SIZE_USAGE, sizeCommand } from './size.ts';
import { APP_NAME, APP_VERSION } from '../version.ts';

export const USAGE = `${APP_NAME} ${APP_VERSION}: capacity planning for LLM deployment and training

Usage:
  cardplan size …                      memory of one workload (cardplan size --help)
  cardplan plan …                      cards, servers and cost for one workload (cardplan plan --help)
  cardplan cards [--json]              the card catalog, unknown figures as null
  cardplan project new|list|show|export|import …   projects in the database (cardplan project --help)
  cardplan prices import|list|delete …             vendors' price lists (cardplan prices --help)
  cardplan quote PROJECT_ID --db PATH --out FILE.xlsx [--lang zh-CN|en] [--json]   the quote workbook
  cardplan check-log FILE|- --card ID [--model ID] [--calibrate] …  an engine's start-up log against the plan (cardplan check-log --help)
  cardplan info [--db PATH] [--json]   version, database and built-in catalog
  cardplan --help                      this text
  cardplan --version                   the version

Options:
  --db PATH   the database file (default: $CARDPLAN_DB, else the app's data directory)
  --json      machine-readable output

Exit codes: 0 success, 1 the operation failed, 2 bad usage.
`;

export type { Io } from './io.ts';

const processIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** `cardplan info`'s answer; `schemaVersion` is null when there is no database at the path yet. */
type InfoOut = Omit<AppInfo, 'schemaVersion'> & { schemaVersion: number | null };

function formatInfo(info: InfoOut): string {
  const { catalog } = info;
  return [
    `${info.name} ${info.version}`,
    `database: ${info.databasePath} ${info.schemaVersion === null ? '(none yet; nothing was created)' : `(schema ${info.schemaVersion})`}`,
    `built-in cards: ${catalog.cardCount} (${catalog.nvidiaCardCount} NVIDIA, ${catalog.domesticCardCount} domestic, ${catalog.vendorCount} vendors)`,
    '',
  ].join('\n');
}

async function info(args: string[], io: Io): Promise<number> {
  const values = parseOptions('info', args, { db: { type: 'string' }, json: { type: 'boolean' } }, '--db PATH, --json');
  const databasePath = resolveDatabasePath(values.db);
  let db: Db;
  try {
    db = openStore(databasePath, { mustExist: true }).db;
  } catch (error) {
    if (!(error instanceof NoDatabaseError)) throw error;
    // No database yet: say so, and still tell the version and the catalog; create nothing.
    const none: InfoOut = { name: APP_NAME, version: APP_VERSION, runtime: 'node', databasePath, schemaVersion: null, storeNotices: [], catalog: summarizeCatalog(BUILTIN_CARDS) };
    io.out(values.json ? `${JSON.stringify(none, null, 2)}\n` : formatInfo(none));
    return 0;
  }
  try {
    const info = await call<AppInfo>({ db, databasePath, runtime: 'node' }, 'app:info', undefined);
    io.out(values.json ? `${JSON.stringify(info, null, 2)}\n` : formatInfo(info));
    return 0;
  } finally {
    db.close();
  }
}

/** Runs one command line; returns the exit code. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.out(USAGE);
      return 0;
    }
    if (command === '--version' || command === '-v') {
      io.out(`${APP_VERSION}\n`);
      return 0;
    }
    if (command === 'info') return await info(rest, io);
    if (command === 'size') {
      if (rest.includes('--help') || rest.includes('-h')) {
        io.out(`${SIZE_USAGE}\n`);
        return 0;
      }
      return await sizeCommand(rest, io, () => withoutDatabase());
    }
    let opened: Db | undefined;
    const open: OpenDatabase = (dbPath, { write }) => {
      const databasePath = resolveDatabasePath(dbPath);
      const store = openStore(databasePath, { mustExist: !write });
      for (const notice of store.notices) io.err(`cardplan: ${notice}\n`);
      opened = store.db;
      return { db: store.db, databasePath, runtime: 'node' };
    };
    try {
      if (command === 'check-log') {
        if (rest.length === 0 || rest.includes('--help') || rest.includes('-h')) {
          io.out(`${CHECK_LOG_USAGE}\n`);
          return rest.length === 0 ? 2 : 0;
        }
        return await checkLogCommand(rest, io, open);
      }
      if (command === 'project' || command === 'quote' || command === 'prices') {
        if (rest.length === 0 || rest.includes('--help') || rest.includes('-h')) {
          io.out(`${command === 'project' ? PROJECT_USAGE : command === 'prices' ? PRICES_USAGE : QUOTE_USAGE}\n`);
          return rest.length === 0 ? 2 : 0;
        }
        return await (command === 'project' ? projectCommand : command === 'prices' ? pricesCommand : quoteCommand)(rest, io, open);
      }
      if (command === 'plan' || command === 'cards') {
        if (rest.includes('--help') || rest.includes('-h')) {
          io.out(`${PLAN_USAGE}\n`);
          return 0;
        }
        // A price list lives in a database; without --prices the commands need none.
        const context = (dbPath: string | undefined, needed: boolean) => (needed ? open(dbPath, { write: false }) : withoutDatabase());
        return await (command === 'plan' ? planCommand : cardsCommand)(rest, io, context);
      }
    } finally {
      opened?.close();
    }
    throw new UsageError(`unknown command or option '${command}'; run 'cardplan --help' for the commands`);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`cardplan: ${error.message}\n`);
      return 2;
    }
    if (error instanceof CardPlanError) {
      io.err(`cardplan: ${error.message}\n`);
      return 1;
    }
    io.err(`cardplan: internal error: ${(error as Error).message}\n`);
    return 1;
  }
}
