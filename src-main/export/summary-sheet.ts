/**
 * The quote's first sheet, as a document finance signs: its number, date and validity, the
 * supplier and the client, each workload's configuration, the money from subtotal to the total
 * including tax (live references to the bill of materials), TCO, speeds by kind, prices to
 * re-check, what the quote assumes, payment terms and a signature block.
 */
import type ExcelJS from 'exceljs';
import type { LabelKey } from './labels.ts';
import type { QuoteData } from './quote-data.ts';
import { addRow } from './sheets.ts';

export interface SummaryInputs {
  data: QuoteData;
  t: (key: LabelKey, params?: Record<string, string | number>) => string;
  nameOf: (id: string, fallback: string) => string;
  day: (ms: number) => string;
  money: string;
  tokensKnown: boolean;
  tokens: number;
  inputTokens: number | null;
  costPerMillion: number | null;
  stale: string[];
  /** CardPlan's own results, carried by the formula cells for viewers that do not recalculate. */
  totals: { subtotal: number; capex: number; total: number; tcoPerYear: number; tcoTotal: number };
}

export function summarySheet(ws: ExcelJS.Worksheet, s: SummaryInputs): void {
  const { data, t, money } = s;
  const doc = data.document;
  const bold = (row: ExcelJS.Row) => (row.getCell(1).font = { bold: true });
  const section = (title: string) => {
    ws.addRow([]);
    const row = ws.addRow([title]);
    row.font = { bold: true, size: 12 };
  };
  const pair = (label: string, value: ExcelJS.CellValue, fmt?: string) => bold(addRow(ws, [label, value as never], [undefined, fmt]));

  const title = ws.addRow([t('quoteTitle'), doc.number]);
  title.font = { bold: true, size: 16 };
  title.height = 26;
  ws.getColumn(2).alignment = { wrapText: true, vertical: 'top', horizontal: 'left' };
  pair(t('quoteNumber'), doc.number);
  pair(t('date'), new Date(data.createdAtMs), 'yyyy-mm-dd');
  pair(t('validUntil'), `${s.day(doc.validUntilMs)} (${t('validity', { days: doc.validityDays })})`);
  pair(t('currency'), data.assumptions.currency);

  section(t('supplierDetails'));
  pair(t('supplier'), doc.supplier.name || t('notSet'));
  pair(t('supplierContact'), doc.supplier.contact || t('notSet'));
  pair(t('supplierAddress'), doc.supplier.address || t('notSet'));
  section(t('clientDetails'));
  pair(t('client'), data.project.client || t('notSet'));
  pair(t('project'), data.project.name);

  section(t('configuration'));
  for (const q of data.workloads) {
    pair(q.record.name, `${s.nameOf(q.card.id, q.card.name)} · TP ${q.option.tp} × PP ${q.option.pp} × ${q.option.replicas} = ${q.option.cards} ${t('cards')}`);
  }

  section(t('capex'));
  const m = s.totals;
  pair(t('subtotal'), { formula: 'Subtotal', result: m.subtotal }, money);
  pair(t('discount'), { formula: 'Discount', result: doc.discountFraction }, '0.00%');
  pair(t('capexBeforeTax'), { formula: 'CapexTotal', result: m.capex }, money);
  pair(t('vatRate'), { formula: 'TaxRate', result: doc.taxRate }, '0.00%');
  pair(t('totalWithTax'), { formula: 'TotalWithTax', result: m.total }, money);
  pair(t('tcoPerYear'), { formula: 'TcoPerYear', result: m.tcoPerYear }, money);
  pair(t('tcoTotal', { years: data.assumptions.years }), { formula: 'TcoTotal', result: m.tcoTotal }, money);

  section(t('tokensPerSecond'));
  const tokensRow = addRow(ws, [t('outputByKind'), s.tokensKnown ? { formula: 'SUM(WorkloadTokens)', result: s.tokens } : t('unknown')], [undefined, '#,##0.0']);
  bold(tokensRow);
  if (s.inputTokens !== null) pair(t('inputByKind'), s.inputTokens, '#,##0.0');
  pair(
    t('costPerMillion'),
    s.costPerMillion === null ? t('unknown') : { formula: `TcoPerYear/(B${tokensRow.number}*3600*HoursPerYear*LoadFraction)*1000000`, result: s.costPerMillion },
    money,
  );

  section(t('priceAge'));
  for (const line of s.stale.length ? s.stale : [t('pricesCurrent')]) {
    const row = addRow(ws, ['', line]);
    if (s.stale.length) row.getCell(2).font = { color: { argb: 'FFA4262C' } };
  }

  section(t('assumes'));
  addRow(ws, ['', `${t('assumesText', { buffer: Math.round(data.safetyBufferFraction * 100), compute: Math.round(data.assumptions.computeEfficiency * 100), pue: data.assumptions.pue, years: data.assumptions.years })} ${t('tcoBasis')}`]);
  pair(t('paymentTerms'), doc.paymentTerms || t('paymentTermsDefault'));

  // Signatures, one party under the other, each with a line to sign on and a date.
  for (const party of [t('signatureSupplier'), t('signatureClient')]) {
    ws.addRow([]);
    const sign = ws.addRow([party, '']);
    sign.font = { bold: true };
    sign.height = 36;
    const date = ws.addRow([t('signatureDate'), '']);
    date.height = 24;
    for (const row of [sign, date]) {
      row.getCell(2).border = { bottom: { style: 'thin' } };
      row.alignment = { vertical: 'bottom' };
    }
  }
}
