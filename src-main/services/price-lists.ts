/**
 * Vendors' price lists: read from .csv or .xlsx, previewed (what matched a catalog card or a
 * server class, which rows are bad and why, by line), stored only when the user confirms, several
 * kept, one chosen per project. Plans and quotes of that project then price its cards from it.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { CardSpec, Price, ServerClass } from '../../shared/catalog/card-specs.ts';
import { applyPriceList, chassisFromPriceList, type PriceListRef } from '../../shared/catalog/price-list-apply.ts';
import { parsePriceList, type BadRow, type PriceListItem } from '../../shared/catalog/price-list.ts';
import type { PriceListPreview, PriceListSummary } from '../../shared/contract.ts';
import { CardPlanError } from '../../shared/errors.ts';
import { cardCatalog } from './cards.ts';
import type { ServiceContext } from './context.ts';
import { parseCsv } from './csv.ts';

/** Price lists are small; a file above this is not one. */
export const MAX_PRICE_LIST_BYTES = 8 * 2 ** 20;

/** The rows of the file's first sheet (xlsx) or of the file (csv), every cell as text. */
export async function readTable(fileName: string, bytes: Buffer): Promise<string[][]> {
  const name = path.basename(fileName);
  if (bytes.length > MAX_PRICE_LIST_BYTES) throw new CardPlanError('invalid_input', `${name}: ${(bytes.length / 2 ** 20).toFixed(1)} MiB is too large for a price list (at most 8 MiB)`);
  const ext = path.extname(name).toLowerCase();
  if (ext === '.csv' || ext === '.txt') {
    if (bytes.includes(0)) throw new CardPlanError('invalid_input', `${name}: not a text file (it contains binary data); save the price list as .csv (UTF-8) or .xlsx`);
    return parseCsv(bytes.toString('utf8'));
  }
  if (ext === '.xlsx') {
    const { default: Excel } = await import('exceljs');
    const wb = new Excel.Workbook();
    try {
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch {
      throw new CardPlanError('invalid_input', `${name}: not a readable .xlsx workbook; save the price list as .xlsx or .csv (UTF-8)`);
    }
    const ws = wb.worksheets[0];
    if (!ws) throw new CardPlanError('invalid_input', `${name}: the workbook has no sheet`);
    const rows: string[][] = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const cells: string[] = [];
      for (let c = 1; c <= Math.max(ws.columnCount, row.cellCount); c++) cells.push(cellText(row.getCell(c).value));
      rows.push(cells);
    }
    return rows;
  }
  throw new CardPlanError('invalid_input', `${name}: a price list must be .xlsx or .csv (got ${ext || 'no extension'})`);
}

/** A cell as text: numbers in full, dates as YYYY-MM-DD, formulas by their result, rich text joined. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'object') {
    const v = value as { result?: unknown; richText?: { text: string }[]; text?: string };
    if ('result' in v) return cellText(v.result);
    if (v.richText) return v.richText.map((t) => t.text).join('');
    if (typeof v.text === 'string') return v.text;
  }
  return '';
}

async function parse(ctx: ServiceContext, fileName: string, base64: string) {
  const bytes = Buffer.from(base64, 'base64');
  const rows = await readTable(fileName, bytes);
  const parsed = parsePriceList(rows, cardCatalog(ctx));
  if ('error' in parsed) throw new CardPlanError('invalid_input', `${path.basename(fileName)}: ${parsed.error}`);
  return parsed;
}

function previewOf(ctx: ServiceContext, fileName: string, parsed: { items: PriceListItem[]; bad: BadRow[]; columns: PriceListPreview['columns'] }): PriceListPreview {
  const names = new Map(cardCatalog(ctx).map((c) => [c.id, c.name]));
  return {
    fileName: path.basename(fileName),
    columns: parsed.columns,
    items: parsed.items.map((i) => ({ ...i, name: i.cardId ? (names.get(i.cardId) ?? i.cardId) : i.serverClass === 'pcie' ? 'PCIe server (without cards)' : 'baseboard server (without cards)' })),
    bad: parsed.bad,
  };
}

/** `prices:preview`: what the file would import; nothing is stored. */
export async function previewPriceList(ctx: ServiceContext, request: { fileName: string; base64: string }): Promise<PriceListPreview> {
  return previewOf(ctx, request.fileName, await parse(ctx, request.fileName, request.base64));
}

interface ListRow {
  id: string;
  name: string;
  source: string;
  file_name: string;
  imported_at_ms: number;
  items: number;
}

const summaryOf = (r: ListRow): PriceListSummary => ({ id: r.id, name: r.name, source: r.source, fileName: r.file_name, importedAtMs: r.imported_at_ms, items: r.items });
const LISTS = 'SELECT l.*, (SELECT count(*) FROM price_list_items i WHERE i.list_id = l.id) AS items FROM price_lists l';

export function listPriceLists(ctx: ServiceContext): PriceListSummary[] {
  if (ctx.storeless) return [];
  return (ctx.db.prepare(`${LISTS} ORDER BY l.imported_at_ms DESC, l.name`).all() as ListRow[]).map(summaryOf);
}

/** A stored list by id or by name. */
export function findPriceList(ctx: ServiceContext, idOrName: string): PriceListSummary {
  const row = ctx.db.prepare(`${LISTS} WHERE l.id = ? OR l.name = ?`).get(idOrName, idOrName) as ListRow | undefined;
  if (!row) throw new CardPlanError('not_found', `no price list ${JSON.stringify(idOrName)}; see cardplan prices list`);
  return summaryOf(row);
}

/**
 * `prices:import`: stores the good rows of the file under `name` (the bad ones are returned, with
 * their lines, as in the preview). A list with no good row is refused and nothing is stored.
 */
export async function importPriceList(ctx: ServiceContext, request: { fileName: string; base64: string; name: string; source?: string }): Promise<{ list: PriceListSummary; preview: PriceListPreview }> {
  const parsed = await parse(ctx, request.fileName, request.base64);
  const preview = previewOf(ctx, request.fileName, parsed);
  const name = request.name.trim();
  if (parsed.items.length === 0) throw new CardPlanError('invalid_input', `${preview.fileName}: no row could be imported (${parsed.bad.length} bad); nothing was stored`);
  if (ctx.db.prepare('SELECT 1 FROM price_lists WHERE name = ?').get(name)) throw new CardPlanError('invalid_input', `a price list named ${JSON.stringify(name)} already exists; choose another name or delete it first`);
  const id = randomUUID();
  ctx.db.transaction(() => {
    ctx.db.prepare('INSERT INTO price_lists (id, name, source, file_name, imported_at_ms) VALUES (?, ?, ?, ?, ?)').run(id, name, request.source?.trim() ?? '', preview.fileName, Date.now());
    const insert = ctx.db.prepare(
      'INSERT INTO price_list_items (list_id, line, item, card_id, server_class, unit_price, currency, date, source, min_quantity) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const i of parsed.items) insert.run(id, i.line, i.item.slice(0, 500), i.cardId, i.serverClass, i.unitPrice, i.currency, i.date, i.source?.slice(0, 200) ?? null, i.minQuantity);
  })();
  return { list: findPriceList(ctx, id), preview };
}

export function deletePriceList(ctx: ServiceContext, id: string): { id: string } {
  if (ctx.db.prepare('DELETE FROM price_lists WHERE id = ?').run(id).changes === 0) throw new CardPlanError('not_found', `no price list ${JSON.stringify(id)}`);
  return { id };
}

interface ItemRow {
  line: number;
  item: string;
  card_id: string | null;
  server_class: ServerClass | null;
  unit_price: number;
  currency: 'CNY' | 'USD' | 'EUR';
  date: string | null;
  source: string | null;
  min_quantity: number;
}

export function priceListItems(ctx: ServiceContext, id: string): PriceListItem[] {
  return (ctx.db.prepare('SELECT * FROM price_list_items WHERE list_id = ? ORDER BY line').all(id) as ItemRow[]).map((r) => ({
    line: r.line,
    item: r.item,
    cardId: r.card_id,
    serverClass: r.server_class,
    unitPrice: r.unit_price,
    currency: r.currency,
    date: r.date,
    source: r.source,
    minQuantity: r.min_quantity,
  }));
}

/** The catalog priced from a stored list (cards it names) and the chassis prices it gives. */
export function pricedFromList(ctx: ServiceContext, cards: readonly CardSpec[], listId: string): { cards: CardSpec[]; chassis: Partial<Record<ServerClass, Price>>; list: PriceListRef } {
  const summary = findPriceList(ctx, listId);
  const items = priceListItems(ctx, summary.id);
  const ref: PriceListRef = { name: summary.name, source: summary.source || summary.fileName, importedAtMs: summary.importedAtMs };
  return { cards: applyPriceList(cards, items, ref), chassis: chassisFromPriceList(items, ref), list: ref };
}
