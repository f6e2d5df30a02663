/**
 * `cardplan prices`: vendors' price lists in the database.
 *   prices import FILE [--name NAME] [--source WHO] [--yes] [--db PATH] [--json]
 *   prices list [--db PATH] [--json]
 *   prices delete NAME [--db PATH]
 * `import` without --yes shows what would be imported (matched and bad rows, by line) and stores nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PriceListPreview, PriceListSummary } from '../../shared/contract.ts';
import { CardPlanError } from '../../shared/errors.ts';
import { formatNumber } from '../../shared/format.ts';
import { NoDatabaseError } from '../db/open.ts';
import { withoutDatabase } from '../services/context.ts';
import { findPriceList } from '../services/price-lists.ts';
import { call, commandArgs, UsageError } from './args.ts';
import type { Io } from './io.ts';
import type { OpenDatabase } from './project.ts';

export const PRICES_USAGE = `cardplan prices import FILE.xlsx|FILE.csv [--name NAME] [--source WHO] [--yes] [--db PATH] [--json]
    shows what the list would import (each row matched to a catalog card or server, bad rows with their
    line and why); with --yes stores the good rows under NAME (default: the file name)
cardplan prices list [--db PATH] [--json]
cardplan prices delete NAME [--db PATH]
Use a list: cardplan plan … --prices NAME [--db PATH]; cardplan cards --prices NAME [--out FILE.xlsx]`;

function parse(sub: string, args: string[], options: Record<string, { type: 'string' | 'boolean' }>, positionals: number) {
  const parsed = commandArgs(`prices ${sub}`, 'cardplan prices --help', args, { db: { type: 'string' }, ...options });
  if (parsed.positionals.length !== positionals) throw new UsageError(`prices ${sub}: ${parsed.positionals.length < positionals ? 'missing' : 'unexpected'} argument; see cardplan prices --help`);
  return parsed;
}

export function previewText(p: PriceListPreview): string {
  const n = (x: number) => formatNumber(x, 'en', x % 1 ? 2 : 0);
  const lines = [`${p.fileName}: ${p.items.length} row(s) to import, ${p.bad.length} bad (columns: ${Object.entries(p.columns).map(([k, v]) => `${k} = "${v}"`).join(', ')})`];
  for (const i of p.items) lines.push(`  line ${i.line}: ${i.item} → ${i.cardId ?? `server (${i.serverClass})`} (${i.name}): ${n(i.unitPrice)} ${i.currency}${i.minQuantity > 1 ? ` from ${i.minQuantity} units` : ''}${i.date ? `, ${i.date}` : ''}${i.source ? `, ${i.source}` : ''}`);
  for (const b of p.bad) lines.push(`  line ${b.line}: ${b.item || '(empty)'} — not imported: ${b.reason}`);
  return `${lines.join('\n')}\n`;
}

const listText = (lists: PriceListSummary[]) =>
  lists.length === 0 ? 'no price lists yet (cardplan prices import FILE)\n' : `${lists.map((l) => `${l.name}: ${l.items} item(s) from ${l.fileName}${l.source ? `, ${l.source}` : ''}, imported ${new Date(l.importedAtMs).toISOString().slice(0, 10)} (${l.id})`).join('\n')}\n`;

export async function pricesCommand(args: string[], io: Io, open: OpenDatabase): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'import': {
      const { values, positionals } = parse('import', rest, { name: { type: 'string' }, source: { type: 'string' }, yes: { type: 'boolean' }, json: { type: 'boolean' } }, 1);
      const file = positionals[0]!;
      let bytes: Buffer;
      try {
        bytes = fs.readFileSync(file);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new CardPlanError('invalid_input', `cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code}`);
      }
      const request = { fileName: path.basename(file), base64: bytes.toString('base64') };
      if (!values.yes) {
        // A preview stores nothing: without a database yet it matches against the built-in catalog.
        let ctx;
        try {
          ctx = open(values.db as string | undefined, { write: false });
        } catch (error) {
          if (!(error instanceof NoDatabaseError)) throw error;
          ctx = withoutDatabase();
        }
        const preview = await call<PriceListPreview>(ctx, 'prices:preview', request);
        if (values.json) io.out(`${JSON.stringify({ stored: false, preview }, null, 2)}\n`);
        else io.out(`${previewText(preview)}nothing stored: run again with --yes to import the ${preview.items.length} good row(s)\n`);
        return 0;
      }
      const name = (values.name as string | undefined) ?? path.basename(file, path.extname(file));
      const ctx = open(values.db as string | undefined, { write: true });
      const result = await call<{ list: PriceListSummary; preview: PriceListPreview }>(ctx, 'prices:import', { ...request, name, ...(values.source ? { source: values.source } : {}) });
      if (values.json) io.out(`${JSON.stringify({ stored: true, ...result }, null, 2)}\n`);
      else io.out(`${previewText(result.preview)}stored as price list "${result.list.name}" (${result.list.items} item(s))\n`);
      return 0;
    }
    case 'list': {
      const { values } = parse('list', rest, { json: { type: 'boolean' } }, 0);
      const lists = await call<PriceListSummary[]>(open(values.db as string | undefined, { write: false }), 'prices:list', undefined);
      io.out(values.json ? `${JSON.stringify(lists, null, 2)}\n` : listText(lists));
      return 0;
    }
    case 'delete': {
      const { values, positionals } = parse('delete', rest, {}, 1);
      const ctx = open(values.db as string | undefined, { write: false });
      const list = findPriceList(ctx, positionals[0]!);
      await call(ctx, 'prices:delete', { id: list.id });
      io.out(`deleted price list "${list.name}"; projects that used it are priced from the catalog again\n`);
      return 0;
    }
    default:
      throw new UsageError(`prices: unknown subcommand ${sub === undefined ? '(none)' : `'${sub}'`}; allowed: import, list, delete`);
  }
}
