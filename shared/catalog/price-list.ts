/**
 * A vendor's price list, as a table (rows of cells, from .xlsx or .csv): which column is which
 * (English or Chinese headers), each row checked and matched to a catalog card or a server class,
 * and the bad rows listed with their line numbers and why. Pure: the file is read in main.
 */
import type { CardSpec, Currency, ServerClass } from './card-specs.ts';

export interface PriceListItem {
  /** 1-based line in the file (the header is line 1 when it is the first row). */
  line: number;
  /** What the row says, as written. */
  item: string;
  cardId: string | null;
  serverClass: ServerClass | null;
  unitPrice: number;
  currency: Currency;
  date: string | null;
  source: string | null;
  /** Quantity break: this unit price from this many units up (1 when the list gives none). */
  minQuantity: number;
}

export interface BadRow {
  line: number;
  item: string;
  reason: string;
}

export interface ParsedPriceList {
  items: PriceListItem[];
  bad: BadRow[];
  /** Which header each field was read from. */
  columns: Partial<Record<Column, string>>;
}

type Column = 'item' | 'price' | 'currency' | 'date' | 'source' | 'minQuantity';

/** Header names (lower-cased, spaces removed) for each field, English and Chinese. */
const HEADERS: Record<Column, string[]> = {
  item: ['card', 'item', 'model', 'product', 'gpu', 'accelerator', 'server', 'cardorserver', 'description', '型号', '产品', '产品名称', '名称', '加速卡', '显卡', '卡型', '项目', '品名', '规格型号', '设备'],
  price: ['unitprice', 'price', 'unitcost', 'cost', '单价', '价格', '报价', '含税单价', '单价(元)', '单价（元）', '未税单价'],
  currency: ['currency', 'ccy', '币种', '货币'],
  date: ['date', 'quotedate', 'pricedate', 'validfrom', '日期', '报价日期', '价格日期'],
  source: ['source', 'vendor', 'supplier', 'seller', '来源', '供应商', '厂商', '报价方', '渠道'],
  minQuantity: ['minquantity', 'minqty', 'moq', 'quantity', 'qty', 'from', 'breakquantity', '起订量', '数量', '最小数量', '起购数量', '数量(起)'],
};

const squash = (s: string): string => s.toLowerCase().replace(/\s+/g, '');

/** The header row: the first row with an item and a price column; its columns by field. */
function findHeader(rows: string[][]): { index: number; columns: Partial<Record<Column, number>> } | null {
  for (let r = 0; r < Math.min(rows.length, 20); r++) {
    const columns: Partial<Record<Column, number>> = {};
    rows[r]!.forEach((cell, c) => {
      const h = squash(cell);
      for (const [field, names] of Object.entries(HEADERS) as [Column, string[]][]) {
        if (columns[field] === undefined && names.includes(h)) columns[field] = c;
      }
    });
    if (columns.item !== undefined && columns.price !== undefined) return { index: r, columns };
  }
  return null;
}

/**
 * A price as people write it: 95000, "95,000.00", "¥95,000", "$12,000", "9.5万" (万 = 10⁴; 亿 is
 * refused: no card costs that). The currency a symbol gives, if any.
 * @example parsePrice('¥9.5万') // { amount: 95000, currency: 'CNY' }
 */
export function parsePrice(raw: string): { amount: number; currency: Currency | null } | { error: string } {
  let s = raw.trim().replace(/[\s,，]/g, '');
  let currency: Currency | null = null;
  const symbols: [RegExp, Currency][] = [[/^(¥|￥|rmb|cny|元)|(元|rmb|cny)$/i, 'CNY'], [/^(\$|usd|us\$)|usd$/i, 'USD'], [/^(€|eur)|eur$/i, 'EUR']];
  for (const [re, c] of symbols) {
    if (re.test(s)) {
      currency = c;
      s = s.replace(re, '');
    }
  }
  let scale = 1;
  if (/万$/.test(s)) {
    scale = 1e4;
    s = s.slice(0, -1);
  }
  if (!/^-?\d+(\.\d+)?$/.test(s)) return { error: `unit price ${JSON.stringify(raw)} is not a number` };
  const amount = Number(s) * scale;
  if (!(amount > 0)) return { error: `unit price must be positive (got ${raw.trim()})` };
  if (amount > 1e9) return { error: `unit price ${raw.trim()} is above 10⁹: not the price of one card or server` };
  return { amount, currency };
}

function parseCurrency(raw: string): Currency | null | 'bad' {
  const s = squash(raw);
  if (!s) return null;
  if (['cny', 'rmb', '人民币', '元', '¥', '￥'].includes(s)) return 'CNY';
  if (['usd', 'us$', '$', '美元'].includes(s)) return 'USD';
  if (['eur', '€', '欧元'].includes(s)) return 'EUR';
  return 'bad';
}

/** "2026-11", "2026-11-20", "2026/11/20", "2026年11月" → ISO-like; anything else is kept as written. */
function parseDate(raw: string): string | null {
  const s = raw.trim();
  if (!s) return null;
  const m = /^(\d{4})[-/.年](\d{1,2})(?:[-/.月](\d{1,2}))?日?$/.exec(s) ?? /^(\d{4})[-/.年](\d{1,2})月?$/.exec(s);
  if (m) return `${m[1]}-${m[2]!.padStart(2, '0')}${m[3] ? `-${m[3].padStart(2, '0')}` : ''}`;
  return s;
}

// Chinese brand names → the words in catalog ids, so "昇腾910B" reads as "ascend 910b".
const BRANDS: [RegExp, string][] = [
  [/昇腾/g, ' ascend '],
  [/华为|huawei/gi, ' '],
  [/英伟达|nvidia|geforce|tesla/gi, ' '],
  [/海光/g, ' hygon '],
  [/沐曦|曦云|曦思/g, ' metax '],
  [/寒武纪|思元/g, ' cambricon '],
  [/摩尔线程/g, ' mthreads '],
  [/壁仞/g, ' biren '],
  [/昆仑芯/g, ' kunlunxin '],
  [/天数智芯|天垓|智铠/g, ' iluvatar '],
  [/燧原|云燧|邃思/g, ' enflame '],
  [/平头哥|真武/g, ' thead '],
  [/加速卡|显卡|计算卡|推理卡|训练卡|模组|板卡/g, ' '],
];

/** Words of an item: lower-case alphanumerics, memory as "<n>gb" ("96G", "96 GB", "96GB显存" → "96gb"). */
function words(text: string): string[] {
  let s = text;
  for (const [re, to] of BRANDS) s = s.replace(re, to);
  s = s.toLowerCase().replace(/(\d+)\s*(gb|g)\b/g, ' $1gb ').replace(/(\d+)\s*(gb|g)(?=[^a-z]|$)/g, ' $1gb ');
  return s.split(/[^a-z0-9]+/).filter(Boolean);
}

const FORM = /^(sxm\d?|pcie|nvl|oam|hgx)$/;
const MEMORY = /^\d+gb$/;
const SERVER = /服务器|整机|机箱|机头|server|chassis|node|节点/i;

interface CardKey {
  id: string;
  name: string;
  model: string;
  qualifiers: string[];
  memoryGb: number | null;
}

/** What identifies a card in free text: its model word (the first with a digit), the other words of its id, its memory. */
function keyOf(card: Pick<CardSpec, 'id' | 'name' | 'memoryBytes'>): CardKey {
  const parts = card.id.split('-').slice(1);
  const model = parts.find((p) => /\d/.test(p)) ?? parts[parts.length - 1]!;
  const qualifiers = parts.filter((p) => p !== model && !['ascend', 'dcu', 'mtt', 'thead', 'per', 'gpu'].includes(p));
  return { id: card.id, name: card.name, model, qualifiers, memoryGb: card.memoryBytes === null ? null : Math.round(card.memoryBytes / 2 ** 30) };
}

export type ItemMatch = { cardId: string } | { serverClass: ServerClass } | { error: string };

/**
 * The catalog card (or server class) a price list's item names. Exact ids first; otherwise the
 * card whose model word the item has, without a memory size or form factor that contradicts it,
 * and with most of its other words; a tie is refused with the candidates named.
 * @example matchItem('昇腾910B 64G', cards) // { cardId: 'huawei-ascend-910b' }
 * @example matchItem('A100 80GB', cards) // { error: '"A100 80GB" could be A100 80GB SXM4 or A100 80GB PCIe: write the card id …' }
 */
export function matchItem(text: string, cards: readonly Pick<CardSpec, 'id' | 'name' | 'memoryBytes'>[]): ItemMatch {
  const raw = text.trim();
  const exact = cards.find((c) => c.id === raw.toLowerCase());
  if (exact) return { cardId: exact.id };
  const w = words(raw);
  if (SERVER.test(raw)) {
    const pcie = w.includes('pcie') || /pcie/i.test(raw);
    const board = w.some((x) => /^(sxm\d?|oam|hgx|baseboard|ubb)$/.test(x)) || /8卡|八卡|模组|baseboard/i.test(raw);
    if (pcie === board) return { error: `${JSON.stringify(raw)} is a server: say whether it takes PCIe cards ("PCIe server") or a baseboard ("HGX/OAM/SXM server")` };
    return { serverClass: pcie ? 'pcie' : 'baseboard' };
  }
  const memory = w.filter((x) => MEMORY.test(x)).map((x) => Number(x.slice(0, -2)));
  const forms = w.filter((x) => FORM.test(x));
  const scored = cards
    .map(keyOf)
    .filter((k) => w.includes(k.model))
    .filter((k) => !(memory.length && k.memoryGb !== null && !memory.includes(k.memoryGb)))
    .filter((k) => !forms.some((f) => k.qualifiers.some((q) => FORM.test(q)) && !k.qualifiers.includes(f)))
    .map((k) => {
      const own = k.qualifiers.filter((q) => !MEMORY.test(q));
      const hit = own.filter((q) => w.includes(q)).length;
      return { k, score: hit - 0.5 * (own.length - hit) };
    })
    .sort((a, b) => b.score - a.score);
  if (scored.length === 0) return { error: `unknown card ${JSON.stringify(raw)}: no catalog card matches; write its id (see cardplan cards)` };
  const best = scored.filter((s) => s.score === scored[0]!.score);
  if (best.length > 1) return { error: `${JSON.stringify(raw)} could be ${best.map((s) => s.k.name).join(' or ')}: write the card id (${best.map((s) => s.k.id).join(', ')})` };
  return { cardId: best[0]!.k.id };
}

/**
 * Reads a price list's rows: every row with an item becomes an item or a bad row; empty rows are
 * skipped. Currency from its column or a symbol in the price (required: "missing currency" is a
 * bad row); one currency per card across its quantity breaks.
 */
export function parsePriceList(rows: string[][], cards: readonly Pick<CardSpec, 'id' | 'name' | 'memoryBytes'>[]): ParsedPriceList | { error: string } {
  const header = findHeader(rows);
  if (!header) return { error: 'no header row with an item column (card, model, 型号 …) and a price column (unit price, 单价 …) in the first 20 rows' };
  const col = header.columns;
  const cell = (row: string[], field: Column) => (col[field] === undefined ? '' : (row[col[field]!] ?? '').trim());
  const items: PriceListItem[] = [];
  const bad: BadRow[] = [];
  const currencyOf = new Map<string, { currency: Currency; line: number }>();
  rows.forEach((row, r) => {
    if (r <= header.index) return;
    const line = r + 1;
    const item = cell(row, 'item');
    if (!item && row.every((c) => !c.trim())) return;
    if (!item) return bad.push({ line, item, reason: 'no card or server named' });
    const match = matchItem(item, cards);
    if ('error' in match) return bad.push({ line, item, reason: match.error });
    const price = parsePrice(cell(row, 'price'));
    if ('error' in price) return bad.push({ line, item, reason: cell(row, 'price') ? price.error : 'no unit price' });
    const column = parseCurrency(cell(row, 'currency'));
    if (column === 'bad') return bad.push({ line, item, reason: `currency ${JSON.stringify(cell(row, 'currency'))} is not CNY, USD or EUR` });
    const currency = column ?? price.currency;
    if (!currency) return bad.push({ line, item, reason: 'no currency: give CNY, USD or EUR (a currency column, or ¥/$/€ in the price)' });
    if (column && price.currency && column !== price.currency) return bad.push({ line, item, reason: `the price says ${price.currency} but the currency column says ${column}` });
    const qtyRaw = cell(row, 'minQuantity');
    const minQuantity = qtyRaw ? Number(qtyRaw.replace(/[+≥>=起\s]/g, '')) : 1;
    if (!Number.isInteger(minQuantity) || minQuantity < 1) return bad.push({ line, item, reason: `quantity ${JSON.stringify(qtyRaw)} is not a whole number of units ≥ 1` });
    const key = 'cardId' in match ? match.cardId : `server:${match.serverClass}`;
    const first = currencyOf.get(key);
    if (first && first.currency !== currency) return bad.push({ line, item, reason: `currency ${currency} differs from line ${first.line} (${first.currency}) for the same item` });
    if (items.some((i) => (i.cardId ?? `server:${i.serverClass}`) === key && i.minQuantity === minQuantity)) {
      return bad.push({ line, item, reason: `a second price for the same item from ${minQuantity} unit(s); keep one` });
    }
    currencyOf.set(key, first ?? { currency, line });
    items.push({
      line,
      item,
      cardId: 'cardId' in match ? match.cardId : null,
      serverClass: 'serverClass' in match ? match.serverClass : null,
      unitPrice: price.amount,
      currency,
      date: parseDate(cell(row, 'date')),
      source: cell(row, 'source') || null,
      minQuantity,
    });
  });
  const columns = Object.fromEntries(Object.entries(col).map(([field, c]) => [field, rows[header.index]![c]!])) as ParsedPriceList['columns'];
  return { items, bad, columns };
}
