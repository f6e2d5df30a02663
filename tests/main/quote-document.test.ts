/**
 * The quote as a document finance signs: numbered, dated and valid for a period, with supplier and
 * client, VAT and a discount, prices flagged when old, all in the quote's language, and printable
 * on A4 landscape at a legible scale with no "###" cells (checked on LibreOffice's own PDF).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src-main/db/open.ts';
import { isPriceStale } from '../../src-main/export/price-age.ts';
import { writeQuote } from '../../src-main/export/quote.ts';
import type { ServiceContext } from '../../src-main/services/context.ts';
import { createExampleProject } from '../../src-main/services/example-project.ts';
import { importPriceList } from '../../src-main/services/price-lists.ts';
import * as projects from '../../src-main/services/projects.ts';
import { setSettings } from '../../src-main/services/settings.ts';
import { tempDir } from '../helpers.ts';
import { recalculate, SOFFICE } from '../libreoffice.ts';
import fs from 'node:fs';

const Workbook = ((ExcelJS as unknown as { default?: typeof ExcelJS }).default ?? ExcelJS).Workbook;
const read = async (file: string) => {
  const wb = new Workbook();
  await wb.xlsx.readFile(file);
  return wb;
};
/** The Summary's value beside a label in column A. */
const summaryValue = (wb: ExcelJS.Workbook, sheet: string, label: string): unknown => {
  const ws = wb.getWorksheet(sheet)!;
  const row = ws.getColumn(1).values.findIndex((v) => v === label);
  expect(row, label).toBeGreaterThan(0);
  const cell = ws.getCell(`B${row}`);
  return cell.formula ? cell.result : cell.value;
};
const allText = (wb: ExcelJS.Workbook): string[] => {
  const out: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => void (typeof cell.value === 'string' && out.push(cell.value)))));
  return out;
};

let ctx: ServiceContext;
let dir: string;
let example: string;

beforeAll(() => {
  dir = tempDir('cardplan-quote-doc-');
  const db = path.join(dir, 'q.db');
  ctx = { db: openStore(db).db, databasePath: db, runtime: 'node' };
  example = createExampleProject(ctx, 'en').id;
  setSettings(ctx, { supplierName: 'Acme AI Consulting Ltd', supplierContact: 'Li Lei, +86 10 5555 0100', supplierAddress: '1 Zhongguancun St, Beijing', paymentTerms: '30% on order, 70% on delivery', quoteValidityDays: 45 });
});

describe('a quote finance signs', () => {
  it('charges 13% VAT by default, stated with its source, and a project sets its own rate and a discount', async () => {
    const { totals } = await writeQuote(ctx, example, path.join(dir, 'vat.xlsx'), 'en');
    // 2 × H20 at US$13,500 + one HGX chassis at US$32,010, at 7.1 CNY/USD: 418,971 CNY before tax.
    expect(totals.capex).toBeCloseTo(418_971, 6);
    expect(totals.taxRate).toBe(0.13);
    expect(totals.tax).toBeCloseTo(418_971 * 0.13, 6); // 54,466.23
    expect(totals.total).toBeCloseTo(473_437.23, 6);
    const wb = await read(path.join(dir, 'vat.xlsx'));
    const assumptions = wb.getWorksheet('Assumptions')!;
    const taxRow = assumptions.getColumn(1).values.findIndex((v) => v === 'VAT rate');
    expect(assumptions.getCell(`D${taxRow}`).value).toMatch(/13% since 2019-04-01 \(MoF, STA and GACC announcement 2019 No\. 39\)/);

    projects.updateProject(ctx, example, { taxRate: 0.06, discountFraction: 0.05 });
    const { totals: own } = await writeQuote(ctx, example, path.join(dir, 'discount.xlsx'), 'en');
    // 418,971 − 5% = 398,022.45 before tax; 6% tax = 23,881.347; TCO counts the capex before tax.
    expect([own.subtotal, own.capex, own.tax, own.total]).toEqual([418_971, 398_022.45, expect.closeTo(23_881.347, 6), expect.closeTo(421_903.797, 6)]);
    expect(own.tcoPerYear).toBeCloseTo(398_022.45 / 3 + own.powerPerYear, 6);
    expect(() => projects.updateProject(ctx, example, { discountFraction: 1 })).toThrow(/discount/);
    projects.updateProject(ctx, example, { taxRate: null, discountFraction: null });
  });

  it('is numbered in sequence per database, dated, valid for the set days, with supplier, client, terms and signatures; every printed page carries the number', async () => {
    const a = await writeQuote(ctx, example, path.join(dir, 'a.xlsx'), 'en');
    const b = await writeQuote(ctx, example, path.join(dir, 'b.xlsx'), 'en');
    const [, year, seq] = /^CP-(\d{4})-(\d{4})$/.exec(a.totals.number)!;
    expect(b.totals.number).toBe(`CP-${year}-${String(Number(seq) + 1).padStart(4, '0')}`);
    expect(ctx.db.prepare('SELECT number FROM quotes WHERE file_name = ?').pluck().get('b.xlsx')).toBe(Number(seq) + 1);

    const wb = await read(path.join(dir, 'b.xlsx'));
    expect(summaryValue(wb, 'Summary', 'Quote number')).toBe(b.totals.number);
    const date = summaryValue(wb, 'Summary', 'Date') as Date;
    const valid = new Date(date.getTime() + 45 * 86_400_000).toISOString().slice(0, 10);
    expect(summaryValue(wb, 'Summary', 'Valid until')).toBe(`${valid} (45 days from the quote date)`);
    expect(summaryValue(wb, 'Summary', 'Supplier')).toBe('Acme AI Consulting Ltd');
    expect(summaryValue(wb, 'Summary', 'Contact')).toBe('Li Lei, +86 10 5555 0100');
    expect(summaryValue(wb, 'Summary', 'Client')).toBe('Example client');
    expect(summaryValue(wb, 'Summary', 'Payment terms')).toBe('30% on order, 70% on delivery');
    expect(summaryValue(wb, 'Summary', 'Total including tax')).toBeCloseTo(b.totals.total, 6);
    const col = wb.getWorksheet('Summary')!.getColumn(1).values;
    expect(col).toEqual(expect.arrayContaining(['For the supplier (signature and stamp)', 'For the client (signature and stamp)']));
    // Speeds by kind: chat output tokens and the encoder's input tokens, never summed.
    expect(summaryValue(wb, 'Summary', 'Output tokens/s (chat; estimate)')).toBeCloseTo(b.totals.tokensPerSecond!, 6);
    expect(summaryValue(wb, 'Summary', 'Input tokens/s (embedding, reranker)')).toBeCloseTo(b.totals.inputTokensPerSecond!, 6);
    wb.eachSheet((ws) => expect(ws.headerFooter.oddHeader, ws.name).toContain(`&CQuotation ${b.totals.number}&R`));
    expect(wb.getWorksheet('Summary')!.headerFooter.oddHeader).toMatch(/^&LAcme AI Consulting Ltd&C/);
  });

  it('flags catalog prices dated more than 12 months before the quote, not a price list', async () => {
    const dec2026 = Date.UTC(2026, 11, 4);
    expect(isPriceStale({ date: '2024-02..2025-04', confidence: 'reported', list: null }, dec2026)).toBe(true); // 19 months
    expect(isPriceStale({ date: '2026-01', confidence: 'reported', list: null }, dec2026)).toBe(false); // 11 months
    expect(isPriceStale({ date: '2025-12', confidence: 'reported', list: null }, dec2026)).toBe(false); // 12 months: still inside
    expect(isPriceStale({ date: '2024', confidence: 'reported', list: null }, dec2026)).toBe(true);
    expect(isPriceStale({ date: null, confidence: 'reported', list: null }, dec2026)).toBe(true); // undated: check it
    expect(isPriceStale({ date: '2020-01', confidence: 'list', list: 'Distributor A' }, dec2026)).toBe(false);

    const wb = await read(path.join(dir, 'a.xlsx'));
    // The H20's catalog range is dated 2024-02..2025-04.
    expect(wb.getWorksheet('Summary')!.getColumn(2).values).toContain('H20 96GB: price dated 2024-02..2025-04, more than 12 months before this quote; confirm it with a current vendor quote');
    const csv = fs.readFileSync(path.join(import.meta.dirname, '../fixtures/price-lists/vendor-quote-2026-11.csv'));
    const { list } = await importPriceList(ctx, { fileName: 'vendor-quote-2026-11.csv', base64: csv.toString('base64'), name: 'Distributor A' });
    projects.updateProject(ctx, example, { priceListId: list.id });
    await writeQuote(ctx, example, path.join(dir, 'list.xlsx'), 'en');
    const listed = await read(path.join(dir, 'list.xlsx'));
    expect(listed.getWorksheet('Summary')!.getColumn(2).values).toContain('all card prices are dated within 12 months of this quote, or come from the price list');
    projects.updateProject(ctx, example, { priceListId: null });
  });

  it('a zh-CN quote speaks Chinese: no English notes, Chinese card names, the VAT note in Chinese', async () => {
    await writeQuote(ctx, example, path.join(dir, 'zh.xlsx'), 'zh-CN');
    const wb = await read(path.join(dir, 'zh.xlsx'));
    const text = allText(wb).join('\n');
    for (const english of ['indicative', 'assumption', 'settings', 'not live rates', 'set the rates', 'Server chassis', 'accelerator card']) expect(text).not.toContain(english);
    expect(text).toContain('中国货物增值税标准税率，自 2019-04-01 起为 13%');
    expect(text).toContain('参考默认值（1 美元 = 7.1 元，1 欧元 = 7.7 元），非实时汇率');
    // The comparison's domestic alternatives under their Chinese names.
    expect(wb.getWorksheet('方案比较')!.getColumn(3).values.join(' ')).toMatch(/昇腾 910C/);
    expect(summaryValue(wb, '摘要', '含税总价')).toBeCloseTo(473_437.23, 6);
  });

  it.runIf(SOFFICE || process.env.CI)('prints on A4 landscape at 80% with the header on every page and no "###" cell, in both languages', async () => {
    for (const language of ['en', 'zh-CN'] as const) {
      const file = path.join(dir, `print-${language}.xlsx`);
      const { totals } = await writeQuote(ctx, example, file, language);
      const pdf = recalculate(file, 'pdf');
      const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
      const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
      // A4 landscape: 842 × 595 pt.
      expect(info).toMatch(/Page size:\s+841\.\d+ x 595\.\d+ pts \(A4\)/);
      for (let p = 1; p <= pages; p++) {
        const page = execFileSync('pdftotext', ['-f', String(p), '-l', String(p), '-layout', pdf, '-'], { encoding: 'utf8' });
        expect(page, `page ${p}`).not.toContain('###');
        expect(page, `page ${p} carries the quote number`).toContain(totals.number);
        expect(page, `page ${p} is numbered`).toContain(`${p} / ${pages}`);
      }
      // The scale shows in the glyphs: body text of 11 pt printed at 80% is about 8.8 pt tall.
      const boxes = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' });
      const heights = [...boxes.matchAll(/yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"/g)].map((m) => Number(m[2]) - Number(m[1])).sort((x, y) => x - y);
      const median = heights[Math.floor(heights.length / 2)]!;
      expect(median, `${language}: median glyph box ${median.toFixed(1)} pt`).toBeGreaterThan(7);
    }
  }, 240_000);
});
