/**
 * How the quote's sheets are laid out and printed: A4 landscape at a legible scale (wide sheets
 * split their columns over pages and repeat the first column rather than shrink), headers that
 * wrap, the quote's header and page numbers on every printed page.
 */
import type ExcelJS from 'exceljs';
import type { Currency } from '../../shared/catalog/card-specs.ts';

export const MONEY: Record<Currency, string> = { CNY: '"¥"#,##0.00', USD: '"$"#,##0.00', EUR: '"€"#,##0.00' };
export const GIB = '0.00';
export const INT = '#,##0';

/** Below this a printed page is hard to read; wide sheets run over more pages instead. */
export const PRINT_SCALE_PERCENT = 80;

export type Row = (string | number | Date | null | { formula: string; result: number | string })[];

/** The header every printed page carries: supplier, quote number and date. */
export interface PageHeader {
  left: string;
  center: string;
  right: string;
  footer: string;
}

// Excel's header codes: &L/&C/&R sections, &P page, &N pages; a literal & is written &&.
const code = (text: string) => text.replace(/&/g, '&&');

export function sheet(wb: ExcelJS.Workbook, name: string, widths: number[], page: PageHeader, options: { frozenHeader?: boolean; repeatFirstColumn?: boolean } = {}): ExcelJS.Worksheet {
  const frozen = options.frozenHeader ?? true;
  const ws = wb.addWorksheet(name, {
    views: frozen ? [{ state: 'frozen', ySplit: 1 }] : [],
    pageSetup: {
      orientation: 'landscape',
      paperSize: 9, // A4
      fitToPage: false,
      scale: PRINT_SCALE_PERCENT,
      margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.6, header: 0.3, footer: 0.3 },
      ...(frozen ? { printTitlesRow: '1:1' } : {}),
      ...(options.repeatFirstColumn ? { printTitlesColumn: 'A:A' } : {}),
    },
    headerFooter: {
      oddHeader: `&L${code(page.left)}&C${code(page.center)}&R${code(page.right)}`,
      // The footer is Excel's own codes (page numbers), not text to escape.
      oddFooter: `&C${page.footer}`,
    },
  });
  ws.columns = widths.map((width) => ({ width, style: { alignment: { vertical: 'top' } } }));
  return ws;
}

export function header(ws: ExcelJS.Worksheet, titles: string[]): void {
  const row = ws.addRow(titles);
  row.font = { bold: true };
  row.alignment = { wrapText: true, vertical: 'top' };
  row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  fitHeight(ws, row, true);
}

/** Display width of text in column-width units: CJK and full-width characters take two. */
function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

const LINE_POINTS = 15;

/**
 * Neither exceljs nor LibreOffice sizes a row to its wrapped text: without a height, wrapped lines
 * overprint the next row. The row gets the height of its tallest wrapped cell, estimated from the
 * text's width against the column's (a little generous, never cut).
 */
export function fitHeight(ws: ExcelJS.Worksheet, row: ExcelJS.Row, wrapAll = false): void {
  let lines = 1;
  row.eachCell((cell, c) => {
    const wraps = wrapAll || ws.getColumn(c).alignment?.wrapText;
    if (!wraps || typeof cell.value !== 'string') return;
    const width = Math.max(1, (ws.getColumn(c).width ?? 10) - 1);
    const needed = cell.value.split('\n').reduce((sum, part) => sum + Math.max(1, Math.ceil((displayWidth(part) * 1.1) / width)), 0);
    lines = Math.max(lines, needed);
  });
  if (lines > 1) row.height = lines * LINE_POINTS;
}

export function addRow(ws: ExcelJS.Worksheet, values: Row, formats: (string | undefined)[] = []): ExcelJS.Row {
  const row = ws.addRow(values.map((v) => (v === null ? null : v)));
  formats.forEach((fmt, i) => {
    if (fmt) row.getCell(i + 1).numFmt = fmt;
  });
  fitHeight(ws, row);
  return row;
}

/** Text columns wrap instead of being cut at the next cell ("CNBC (syn"). */
export function wrapColumns(ws: ExcelJS.Worksheet, columns: number[]): void {
  for (const c of columns) ws.getColumn(c).alignment = { wrapText: true, vertical: 'top' };
}

/** Cell references converting an amount to the quote currency through the exchange-rate cells. */
export function converted(amount: number, from: Currency, to: Currency, cnyPer: Record<Currency, number>): { formula: string; result: number } | number {
  if (from === to) return amount;
  const name = (c: Currency) => (c === 'USD' ? 'CnyPerUsd' : 'CnyPerEur');
  const result = (amount * cnyPer[from]) / cnyPer[to];
  if (to === 'CNY') return { formula: `${amount}*${name(from)}`, result };
  if (from === 'CNY') return { formula: `${amount}/${name(to)}`, result };
  return { formula: `${amount}*${name(from)}/${name(to)}`, result };
}

export const valueOf = (v: { formula: string; result: number } | number): number => (typeof v === 'number' ? v : v.result);
