import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { main } from '../../src-main/cli/main.ts';
import { openStore } from '../../src-main/db/open.ts';
import type { ServiceContext } from '../../src-main/services/context.ts';
import { plan } from '../../src-main/services/planning.ts';
import { importPriceList, listPriceLists, previewPriceList } from '../../src-main/services/price-lists.ts';
import * as projects from '../../src-main/services/projects.ts';
import { ROOT, tempDir } from '../helpers.ts';

const Workbook = ((ExcelJS as unknown as { default?: typeof ExcelJS }).default ?? ExcelJS).Workbook;
const CSV = path.join(ROOT, 'tests/fixtures/price-lists/vendor-quote-2026-11.csv');
const csv = () => ({ fileName: 'vendor-quote-2026-11.csv', base64: fs.readFileSync(CSV).toString('base64') });

function open(): ServiceContext {
  const file = path.join(tempDir(), 'prices.db');
  return { db: openStore(file).db, databasePath: file, runtime: 'node' };
}

async function run(argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('a vendor price list (CSV with a byte-order mark and Chinese headers)', () => {
  it('previews every row: what matched, and each bad row by line with why; nothing is stored', async () => {
    const ctx = open();
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    const before = fs.readFileSync(ctx.databasePath);
    const p = await previewPriceList(ctx, csv());
    expect(p.columns).toEqual({ item: '型号', price: '单价', currency: '币种', date: '报价日期', source: '供应商', minQuantity: '起订量' });
    expect(p.items.map((i) => [i.line, i.cardId ?? `server:${i.serverClass}`, i.unitPrice, i.currency, i.minQuantity])).toEqual([
      [2, 'huawei-ascend-910b', 95_000, 'CNY', 1],
      [3, 'huawei-ascend-910b', 90_000, 'CNY', 16],
      [4, 'nvidia-h20-96gb', 98_000, 'CNY', 1],
      [5, 'server:baseboard', 320_000, 'CNY', 1],
    ]);
    expect(p.items[0]!.date).toBe('2026-11-20');
    expect(p.items[0]!.source).toBe('华为授权分销商A');
    expect(p.bad).toEqual([
      { line: 6, item: 'XPU-9000 超算卡', reason: 'unknown card "XPU-9000 超算卡": no catalog card matches; write its id (see cardplan cards)' },
      { line: 7, item: 'RTX 4090 24G', reason: 'unit price "面议" is not a number' },
      { line: 8, item: '海光 K100-AI', reason: 'unit price must be positive (got -5)' },
      { line: 9, item: '沐曦 C500', reason: 'no currency: give CNY, USD or EUR (a currency column, or ¥/$/€ in the price)' },
    ]);
    expect(listPriceLists(ctx)).toEqual([]);
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(fs.readFileSync(ctx.databasePath).equals(before)).toBe(true);
    ctx.db.close();
  });

  it('imports the good rows once confirmed; the project that chooses it is priced from it, with its quantity break', async () => {
    const ctx = open();
    const { list } = await importPriceList(ctx, { ...csv(), name: 'Distributor A 2026-11', source: '华为授权分销商A' });
    expect(list).toMatchObject({ name: 'Distributor A 2026-11', items: 4, fileName: 'vendor-quote-2026-11.csv' });
    await expect(importPriceList(ctx, { ...csv(), name: 'Distributor A 2026-11' })).rejects.toThrow('a price list named "Distributor A 2026-11" already exists; choose another name or delete it first');

    const { id } = projects.createProject(ctx, { name: 'on 910B' });
    projects.updateProject(ctx, id, { priceListId: list.id });
    const request = { model: { id: 'qwq-32b' }, workload: { contextTokens: 16_000, concurrency: 10, engine: 'vllm' as const }, cardIds: ['huawei-ascend-910b'], projectId: id };
    const o = plan(ctx, request).options.find((x) => x.tp === 2 && x.pp === 1)!;
    // Cards at the list's 95,000 CNY (no range), chassis at the list's 320,000 CNY per 8-card server.
    expect(o.capex).toBeCloseTo(o.cards * 95_000 + o.servers * 320_000, 6);
    expect(o.costRange!.capex).toEqual([o.capex, o.capex]);
    expect(o.warnings.join('\n')).toContain('price list "Distributor A 2026-11" 95,000 CNY per card');
    // 16 cards and more: the list's 90,000 CNY.
    const big = plan(ctx, { ...request, targetTokensPerSecond: 5000 }).options.find((x) => x.tp === 2 && x.pp === 1)!;
    expect(big.cards).toBeGreaterThanOrEqual(16);
    expect(big.capex).toBeCloseTo(big.cards * 90_000 + big.servers * 320_000, 6);
    // Cards the list does not name keep the catalog's range.
    const h100 = plan(ctx, { ...request, cardIds: ['nvidia-h100-sxm5-80gb'] }).options[0]!;
    expect(h100.costRange!.capex[0]).toBeLessThan(h100.costRange!.capex[1]);
    ctx.db.close();
  });

  it('reads an .xlsx written by exceljs: English headers, numbers, dates and formulas as cells', async () => {
    const wb = new Workbook();
    const ws = wb.addWorksheet('Quote');
    ws.addRow(['Quotation 2026-12 — prices per unit, excl. VAT']);
    ws.addRow([]);
    ws.addRow(['Card', 'Unit price', 'Currency', 'Date', 'Vendor', 'Min quantity']);
    ws.addRow(['nvidia-h20-96gb', 13_200, 'USD', new Date(Date.UTC(2026, 11, 1)), 'Distributor B', 1]);
    ws.addRow(['H100 80GB SXM5', { formula: '2*14000', result: 28_000 }, 'USD', new Date(Date.UTC(2026, 11, 1)), 'Distributor B', 8]);
    ws.addRow(['A100 80GB', 15_000, 'USD', '2026-12', 'Distributor B', 1]);
    const file = path.join(tempDir(), 'quote.xlsx');
    await wb.xlsx.writeFile(file);
    const ctx = open();
    const p = await previewPriceList(ctx, { fileName: 'quote.xlsx', base64: fs.readFileSync(file).toString('base64') });
    expect(p.items.map((i) => [i.line, i.cardId, i.unitPrice, i.currency, i.date, i.minQuantity])).toEqual([
      [4, 'nvidia-h20-96gb', 13_200, 'USD', '2026-12-01', 1],
      [5, 'nvidia-h100-sxm5-80gb', 28_000, 'USD', '2026-12-01', 8],
    ]);
    expect(p.bad).toHaveLength(1);
    expect(p.bad[0]!.line).toBe(6);
    expect(p.bad[0]!.reason).toBe('"A100 80GB" could be A100 80GB SXM4 or A100 80GB PCIe: write the card id (nvidia-a100-sxm4-80gb, nvidia-a100-pcie-80gb)');
    ctx.db.close();
  });

  it.each([
    ['a spreadsheet saved in another format', 'list.ods', Buffer.from('PK'), 'list.ods: a price list must be .xlsx or .csv (got .ods)'],
    ['binary data called .csv', 'list.csv', Buffer.from([0x00, 0x01, 0x02, 0xff]), 'list.csv: not a text file (it contains binary data); save the price list as .csv (UTF-8) or .xlsx'],
    ['a broken workbook', 'list.xlsx', Buffer.from('not a zip'), 'list.xlsx: not a readable .xlsx workbook; save the price list as .xlsx or .csv (UTF-8)'],
    ['no header', 'list.csv', Buffer.from('a,b\n1,2\n'), 'list.csv: no header row with an item column (card, model, 型号 …) and a price column (unit price, 单价 …) in the first 20 rows'],
  ])('%s: one line, nothing stored', async (_what, fileName, bytes, message) => {
    const ctx = open();
    await expect(previewPriceList(ctx, { fileName, base64: bytes.toString('base64') })).rejects.toThrow(message);
    await expect(importPriceList(ctx, { fileName, base64: bytes.toString('base64'), name: 'x' })).rejects.toThrow(message);
    expect(listPriceLists(ctx)).toEqual([]);
    ctx.db.close();
  });
});

describe('cardplan prices and cards --prices', () => {
  it('previews without --yes (nothing stored), imports with it, and prices plans and the catalog from it', async () => {
    const db = path.join(tempDir(), 'cli.db');
    expect((await run(['project', 'new', 'p', '--db', db])).code).toBe(0);
    const dry = await run(['prices', 'import', CSV, '--db', db]);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('line 9: 沐曦 C500 — not imported: no currency: give CNY, USD or EUR');
    expect(dry.out).toContain('nothing stored: run again with --yes to import the 4 good row(s)');
    expect((await run(['prices', 'list', '--db', db])).out).toBe('no price lists yet (cardplan prices import FILE)\n');
    const done = await run(['prices', 'import', CSV, '--name', 'A', '--yes', '--db', db]);
    expect(done.out).toContain('stored as price list "A" (4 item(s))');
    const cards = await run(['cards', '--prices', 'A', '--db', db]);
    expect(cards.out).toMatch(/huawei-ascend-910b +domestic .* 95,000 CNY \(list "A"\)/);
    const planned = JSON.parse((await run(['plan', '--model', 'qwq-32b', '--context', '16000', '--cards', 'huawei-ascend-910b', '--prices', 'A', '--db', db, '--json'])).out);
    const o = planned.options[0];
    expect(o.capex).toBeCloseTo(o.cards * 95_000 + o.servers * 320_000, 6);
    const out = path.join(tempDir(), 'catalog.xlsx');
    expect((await run(['cards', '--prices', 'A', '--db', db, '--out', out])).out).toMatch(/^wrote \d+ cards to .*catalog\.xlsx \(prices from "A"\)\n$/);
    const wb = new Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Cards', 'Sources']);
    const rows = wb.getWorksheet('Cards')!.getSheetValues() as unknown[][];
    const ascend = rows.find((r) => r?.[1] === 'huawei-ascend-910b')!;
    expect(ascend[15]).toBe(95_000);
    expect(ascend[19]).toBe('list: A');
    expect((await run(['prices', 'delete', 'A', '--db', db])).out).toBe('deleted price list "A"; projects that used it are priced from the catalog again\n');
    expect((await run(['prices', 'delete', 'A', '--db', db])).err).toBe('cardplan: no price list "A"; see cardplan prices list\n');
  });
});
