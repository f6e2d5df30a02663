/**
 * `cardplan quote PROJECT_ID --db PATH --out FILE.xlsx [--lang zh-CN|en] [--json]` (contract: keep
 * the names): writes the quote workbook; with --json prints the totals it wrote.
 */
import { parseArgs } from 'node:util';
import { writeQuote } from '../export/quote.ts';
import { UsageError } from './args.ts';
import type { Io } from './io.ts';
import type { OpenDatabase } from './project.ts';

export const QUOTE_USAGE = 'cardplan quote PROJECT_ID --db PATH --out FILE.xlsx [--lang zh-CN|en] [--json]';

export async function quoteCommand(args: string[], io: Io, open: OpenDatabase): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { db: { type: 'string' }, out: { type: 'string' }, lang: { type: 'string' }, json: { type: 'boolean' } }, strict: true, allowPositionals: true });
  } catch (error) {
    const quoted = /'(-[^']*)'/.exec((error as Error).message)?.[1];
    throw new UsageError(`quote: ${quoted ? `unknown option '${quoted}'` : (error as Error).message.split('\n')[0]}; usage: ${QUOTE_USAGE}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError(`quote: give one PROJECT_ID; usage: ${QUOTE_USAGE}`);
  if (!values.out) throw new UsageError('quote: give --out FILE.xlsx');
  if (!/\.xlsx$/i.test(values.out)) throw new UsageError(`quote: --out must name an .xlsx file (got '${values.out}')`);
  const lang = values.lang ?? 'zh-CN';
  if (lang !== 'zh-CN' && lang !== 'en') throw new UsageError(`quote: --lang must be zh-CN or en (got '${lang}')`);
  // Records the export in the database, but never creates one: there would be no project to quote.
  const result = await writeQuote(open(values.db, { write: false }), positionals[0]!, values.out, lang);
  io.out(values.json ? `${JSON.stringify({ file: result.file, ...result.totals }, null, 2)}\n` : `wrote ${result.file}\n`);
  return 0;
}
