/**
 * The quote workbook (exceljs). Totals are live formulas over input cells — quantities, unit prices,
 * the tax rate, PUE, electricity price, years, exchange rates are all cells finance can change —
 * and every formula also carries the value CardPlan computed, for viewers that do not recalculate.
 * Cross-sheet references go through defined names, so they survive translated sheet names.
 */
import type ExcelJS from 'exceljs';
import type { Currency } from '../../shared/catalog/card-specs.ts';
import { CardPlanError } from '../../shared/errors.ts';
import { verdictSentence } from '../../shared/memory/verdict-text.ts';
import { unknownSentence } from '../../shared/plan/unknown-text.ts';
import { unitPrices } from '../../shared/plan/price-point.ts';
import { formatNumber } from '../../shared/format.ts';
import { bytesToGiB } from '../../shared/units.ts';
import { labels, type QuoteLanguage } from './labels.ts';
import type { QuoteData } from './quote-data.ts';

export interface QuoteTotals {
  currency: Currency;
  capex: number;
  taxRate: number;
  powerPerYear: number;
  tcoPerYear: number;
  tcoTotal: number;
  years: number;
  tokensPerSecond: number | null;
  costPerMillionTokens: number | null;
}

const MONEY: Record<Currency, string> = { CNY: '"¥"#,##0.00', USD: '"$"#,##0.00', EUR: '"€"#,##0.00' };
const GIB = '0.00';
const INT = '#,##0';

type Row = (string | number | Date | null | { formula: string; result: number | string })[];

/** Cell references converting an amount to the quote currency through the exchange-rate cells. */
function converted(amount: number, from: Currency, to: Currency, cnyPer: Record<Currency, number>): { formula: string; result: number } | number {
  if (from === to) return amount;
  const name = (c: Currency) => (c === 'USD' ? 'CnyPerUsd' : 'CnyPerEur');
  const result = (amount * cnyPer[from]) / cnyPer[to];
  if (to === 'CNY') return { formula: `${amount}*${name(from)}`, result };
  if (from === 'CNY') return { formula: `${amount}/${name(to)}`, result };
  return { formula: `${amount}*${name(from)}/${name(to)}`, result };
}

const valueOf = (v: { formula: string; result: number } | number): number => (typeof v === 'number' ? v : v.result);

function sheet(wb: ExcelJS.Workbook, name: string, widths: number[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1', paperSize: 9 },
  });
  ws.columns = widths.map((width) => ({ width }));
  return ws;
}

function header(ws: ExcelJS.Worksheet, titles: string[]): void {
  const row = ws.addRow(titles);
  row.font = { bold: true };
  row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
}

function addRow(ws: ExcelJS.Worksheet, values: Row, formats: (string | undefined)[] = []): ExcelJS.Row {
  const row = ws.addRow(values.map((v) => (v === null ? null : v)));
  formats.forEach((fmt, i) => {
    if (fmt) row.getCell(i + 1).numFmt = fmt;
  });
  return row;
}

export async function buildQuoteWorkbook(data: QuoteData, language: QuoteLanguage): Promise<{ workbook: ExcelJS.Workbook; totals: QuoteTotals }> {
  const { default: Excel } = await import('exceljs');
  const t = labels(language);
  const a = data.assumptions;
  const cur = a.currency;
  const money = MONEY[cur];
  const cnyPer = { CNY: 1, USD: a.cnyPer.USD, EUR: a.cnyPer.EUR } as Record<Currency, number>;
  for (const q of data.workloads) {
    // The same sentence the plan and the window show for the missing figure.
    const needed = language === 'zh-CN' ? '；报价需要此项' : '; the quote needs it';
    if (q.card.price === null) throw new CardPlanError('invalid_input', `${unknownSentence('price', q.card, language)}${needed}`);
    if (q.card.tdpWatts === null) throw new CardPlanError('invalid_input', `${unknownSentence('tdp', q.card, language)}${needed}`);
  }

  const wb = new Excel.Workbook();
  wb.creator = 'CardPlan';
  wb.created = new Date(data.createdAtMs);
  wb.calcProperties.fullCalcOnLoad = true;

  // Sheets in reading order; filled in dependency order below.
  const summary = sheet(wb, t('sheetSummary'), [34, 60]);
  const bomWs = sheet(wb, t('sheetBom'), [8, 56, 12, 18, 20, 60]);
  const workloadsWs = sheet(wb, t('sheetWorkloads'), [28, 30, 18, 12, 12, 14, 12, 12, 26, 6, 6, 9, 8, 14, 14, 14, 14, 14, 14, 14, 16, 18, 18, 18, 18, 22]);
  const comparison = sheet(wb, t('sheetComparison'), [28, 12, 30, 8, 9, 8, 18, 16, 18, 18, 16]);
  const tco = sheet(wb, t('sheetTco'), [40, 10, 10, 20, 20]);
  const assumptions = sheet(wb, t('sheetAssumptions'), [44, 18, 14, 70]);

  // Assumptions: named input cells every formula refers to.
  header(assumptions, [t('item'), t('value'), t('unit'), t('source')]);
  const named: [string, string, number | { formula: string; result: number } | string, string | undefined, string][] = [
    ['', t('currency'), cur, undefined, ''],
    ['TaxRate', t('taxRate'), 0, '0.00%', t('taxNote')],
    ['CnyPerUsd', t('cnyPerUsd'), a.cnyPer.USD, '0.0000', a.exchangeRateNote],
    ['CnyPerEur', t('cnyPerEur'), a.cnyPer.EUR, '0.0000', a.exchangeRateNote],
    ['PUE', t('pue'), a.pue, '0.00', ''],
    ['Years', t('years'), a.years, '0', ''],
    ['HoursPerYear', t('hoursPerYear'), a.hoursPerYear, INT, ''],
    ['LoadFraction', t('loadFraction'), a.loadFraction, '0.00', ''],
    ['ElectricityPrice', t('electricity'), converted(a.electricityPrice.amount, a.electricityPrice.currency, cur, cnyPer), '0.0000', a.electricityPrice.source],
    ['SafetyBuffer', t('safetyBuffer'), data.safetyBufferFraction, '0.00', ''],
    ['ComputeEfficiency', t('computeEfficiency'), a.computeEfficiency, '0.00', 'assumption'],
    [
      '',
      t('priceBasis'),
      data.priceList
        ? t('priceBasisList', { name: data.priceList.name, source: data.priceList.source, date: new Date(data.priceList.importedAtMs).toISOString().slice(0, 10), point: t(`point_${data.pricePoint}`) })
        : t('priceBasisCatalog', { point: t(`point_${data.pricePoint}`) }),
      undefined,
      '',
    ],
    ['', t('engines'), [...new Set(data.workloads.map((q) => `${q.record.workload.engine ?? 'generic'}${q.record.workload.engine === 'vllm' ? ` ${q.record.workload.engineVersion ?? '0.19'}` : ''}`))].join(', '), undefined, ''],
  ];
  const inputs: Record<string, number> = {};
  for (const [name, label, value, fmt, source] of named) {
    const row = addRow(assumptions, [label, value as Row[number], fmt === '0.00%' ? '' : '', source], [undefined, fmt]);
    if (name) {
      row.getCell(2).name = name;
      inputs[name] = typeof value === 'number' ? value : typeof value === 'string' ? Number.NaN : value.result;
    }
  }
  assumptions.addRow([]);
  const specHeader = assumptions.addRow([t('cardSpecs')]);
  specHeader.font = { bold: true };
  header(assumptions, [t('card'), t('memoryGib'), t('bandwidth'), t('bf16'), t('tdp'), t('price'), t('priceCurrency'), t('priceDate'), t('source'), t('confidence')]);
  for (const c of data.cards) {
    addRow(
      assumptions,
      [
        `${c.name} (${c.id})`,
        c.memoryBytes === null ? t('unknown') : bytesToGiB(c.memoryBytes),
        c.bandwidthBytesPerSecond === null ? t('unknown') : c.bandwidthBytesPerSecond / 1e9,
        c.peakFlops.bf16 === null ? t('unknown') : c.peakFlops.bf16 / 1e12,
        c.tdpWatts === null ? t('unknown') : c.tdpWatts,
        c.price === null ? t('unknown') : c.price.amount,
        c.price?.currency ?? '',
        c.price?.date ?? '',
        c.price ? `${c.price.source}${c.price.indicative ? ` (${t('indicative')})` : ''}` : '',
        c.confidence,
      ],
      [undefined, GIB, INT, INT, INT, '#,##0.00'],
    );
  }

  // Bill of materials: quantity × unit price, subtotal, tax, total.
  header(bomWs, [t('no'), t('item'), t('quantity'), t('unitPrice'), t('lineTotal'), t('note')]);
  let subtotal = 0;
  let n = 0;
  const first = 2;
  for (const line of data.bom.lines) {
    const card = data.workloads.find((q) => q.card.id === line.card)!.card;
    const p = card.price!;
    // A price list's quantity break for this many cards, or the price at the project's point.
    const at = unitPrices(p, line.cards);
    const unit = converted(at.amount, p.currency, cur, cnyPer);
    const chassisPrice = a.chassisPrice[card.serverClass];
    const chassis = converted(chassisPrice.amount, chassisPrice.currency, cur, cnyPer);
    const n0 = (x: number) => formatNumber(x, language === 'zh-CN' ? 'zh-CN' : 'en', 0);
    const range = at.low === at.high ? '' : `; ${t('priceRange', { low: n0(at.low), high: n0(at.high), currency: p.currency, point: t(`point_${data.pricePoint}`) })}`;
    for (const [item, qty, price, note] of [
      [t('cardLine', { card: language === 'zh-CN' && card.nameZh ? card.nameZh : card.name }), line.cards, unit, `${p.source} (${p.date ?? '—'})${p.indicative ? `, ${t('indicative')}` : ''}${range}; ${line.workloads.join(', ')}`],
      [t('serverLine', { class: card.serverClass, per: card.perServer ?? a.defaultPerServer }), line.servers, chassis, `${chassisPrice.source}${chassisPrice.date ? ` (${chassisPrice.date})` : ''}`],
    ] as const) {
      n++;
      const r = first + n - 1;
      const total = qty * valueOf(price);
      subtotal += total;
      addRow(bomWs, [n, item, qty, price, { formula: `C${r}*D${r}`, result: total }, note], [undefined, undefined, INT, money, money]);
    }
  }
  for (const extra of a.extraLineItems) {
    n++;
    const r = first + n - 1;
    const price = converted(extra.price.amount, extra.price.currency, cur, cnyPer);
    const total = extra.quantity * valueOf(price);
    subtotal += total;
    addRow(bomWs, [n, extra.name, extra.quantity, price, { formula: `C${r}*D${r}`, result: total }, extra.price.source], [undefined, undefined, INT, money, money]);
  }
  const last = first + n - 1;
  const subRow = addRow(bomWs, [null, t('subtotal'), null, null, { formula: `SUM(E${first}:E${last})`, result: subtotal }], [undefined, undefined, undefined, undefined, money]);
  const tax = subtotal * inputs.TaxRate!;
  const taxRow = addRow(bomWs, [null, t('tax'), null, { formula: 'TaxRate', result: inputs.TaxRate! }, { formula: `E${subRow.number}*TaxRate`, result: tax }], [undefined, undefined, undefined, '0.00%', money]);
  const capex = subtotal + tax;
  const totalRow = addRow(bomWs, [null, t('total'), null, null, { formula: `E${subRow.number}+E${taxRow.number}`, result: capex }], [undefined, undefined, undefined, undefined, money]);
  totalRow.font = { bold: true };
  totalRow.getCell(5).name = 'CapexTotal';

  // TCO: power from TDP × cards × PUE × hours × electricity price, yearly and over the years.
  header(tco, [t('card'), t('cards'), t('tdp'), t('kwhPerYear'), t('powerPerYear')]);
  let power = 0;
  const tcoFirst = 2;
  for (const line of data.bom.lines) {
    const card = data.workloads.find((q) => q.card.id === line.card)!.card;
    const r = tco.rowCount + 1;
    const kwh = (card.tdpWatts! * line.cards * inputs.PUE! * inputs.HoursPerYear!) / 1000;
    const cost = kwh * inputs.ElectricityPrice!;
    power += cost;
    addRow(tco, [card.name, line.cards, card.tdpWatts!, { formula: `C${r}*B${r}*PUE*HoursPerYear/1000`, result: kwh }, { formula: `D${r}*ElectricityPrice`, result: cost }], [undefined, INT, INT, INT, money]);
  }
  const tcoLast = tco.rowCount;
  tco.addRow([]);
  const capexRow = addRow(tco, [t('capex'), null, null, null, { formula: 'CapexTotal', result: capex }], [undefined, undefined, undefined, undefined, money]);
  const powerRow = addRow(tco, [t('powerPerYear'), null, null, null, { formula: `SUM(E${tcoFirst}:E${tcoLast})`, result: power }], [undefined, undefined, undefined, undefined, money]);
  powerRow.getCell(5).name = 'PowerPerYear';
  const tcoPerYear = capex / inputs.Years! + power;
  const tcoTotal = capex + power * inputs.Years!;
  const yearlyRow = addRow(tco, [t('tcoPerYear'), null, null, null, { formula: `E${capexRow.number}/Years+E${powerRow.number}`, result: tcoPerYear }], [undefined, undefined, undefined, undefined, money]);
  yearlyRow.getCell(5).name = 'TcoPerYear';
  const totalTcoRow = addRow(tco, [t('tcoTotal', { years: inputs.Years! }), null, null, null, { formula: `E${capexRow.number}+E${powerRow.number}*Years`, result: tcoTotal }], [undefined, undefined, undefined, undefined, money]);
  totalTcoRow.font = { bold: true };
  totalTcoRow.getCell(5).name = 'TcoTotal';

  // An estimate with its band, as one readable cell: "48 (41–60)"; '—' where speed does not apply.
  const withBand = (value: number | null, band: [number, number] | null | undefined): string => {
    if (value === null || !band) return '—';
    const n = (x: number) => Math.round(x).toLocaleString('en-US');
    return `${n(value)} (${t('band', { low: n(band[0]), high: n(band[1]) })})`;
  };

  // Workloads: inputs, the memory of one card by term, the configuration, speed.
  header(workloadsWs, [
    t('workload'), t('model'), t('params'), t('precision'), t('kvDtype'), t('context'), t('concurrency'), t('engine'), t('card'), 'TP', 'PP', t('replicas'), t('cards'),
    t('weightsGib'), t('kvGib'), t('activationsGib'), t('overheadGib'), t('bufferGib'), t('totalGib'), t('usableGib'), t('allCardsGib'), t('tokensPerSecond'),
    t('inputTokensPerSecond'), t('ttftMs'), t('tpotMs'), t('speedBasis'), t('fit'),
  ]);
  let tokens = 0;
  let tokensKnown = true;
  for (const q of data.workloads) {
    const b = q.sizing.perCard!.bytes;
    const r = workloadsWs.rowCount + 1;
    const perCard = bytesToGiB(b.total);
    // Output tokens (chat) and input tokens (embedding, reranker) are never added together: only
    // the first go into the total and the cost per 1M output tokens.
    const generation = q.option.kind === 'generation';
    const tps = q.option.decodeTokensPerSecond;
    if (generation && tps === null) tokensKnown = false;
    else if (tps !== null) tokens += tps;
    addRow(
      workloadsWs,
      [
        q.record.name, q.modelName, q.params, q.sizing.weightFormat, q.sizing.kvDtype, q.sizing.contextTokens, q.sizing.concurrency, q.sizing.engine,
        q.card.name, q.option.tp, q.option.pp, q.option.replicas, q.option.cards,
        bytesToGiB(b.weights), bytesToGiB(b.kvCache), bytesToGiB(b.activations), bytesToGiB(b.overhead), bytesToGiB(b.buffer), perCard,
        bytesToGiB(q.sizing.perCard!.capacityBytes), { formula: `S${r}*M${r}`, result: perCard * q.option.cards }, generation ? (tps === null ? t('unknown') : tps) : '—',
        generation ? '—' : (q.option.inputTokensPerSecond ?? t('unknown')),
        withBand(q.option.ttftMs, q.option.speed?.band.ttftMs), withBand(q.option.tpotMs, q.option.speed?.band.tpotMs),
        q.option.speed ? t(`basis_${q.option.speed.basis}`) : '—',
        verdictSentence(q.option.verdict, language),
      ],
      [undefined, undefined, INT, undefined, undefined, INT, INT, undefined, undefined, INT, INT, INT, INT, GIB, GIB, GIB, GIB, GIB, GIB, GIB, GIB, '#,##0.0', '#,##0.0', undefined, undefined, undefined, undefined],
    );
  }
  wb.definedNames.add(`'${t('sheetWorkloads')}'!$V$2:$V$${workloadsWs.rowCount}`, 'WorkloadTokens');

  // Comparison: the alternatives considered, NVIDIA and domestic side by side (figures, not formulas).
  header(comparison, [t('workload'), t('origin'), t('card'), t('cards'), t('servers'), t('fits'), t('gibPerCard'), t('tokensPerSecond'), t('capex'), t('tcoPerYear'), t('costPerMillion')]);
  for (const q of data.workloads) {
    for (const o of q.alternatives) {
      addRow(
        comparison,
        [q.record.name, o.domestic ? t('domestic') : t('nvidia'), o.cardName, o.cards, o.servers, t('yes'), bytesToGiB(o.perCardBytes), o.throughputTokensPerSecond ?? t('unknown'), o.capex ?? t('unknown'), o.tcoPerYear ?? t('unknown'), o.costPerMillionTokens ?? t('unknown')],
        [undefined, undefined, undefined, INT, INT, undefined, GIB, '#,##0.0', money, money, money],
      );
    }
  }

  // Summary.
  header(summary, [t('item'), t('value')]);
  summary.addRow([t('client'), data.project.client]);
  summary.addRow([t('project'), data.project.name]);
  addRow(summary, [t('date'), new Date(data.createdAtMs)], [undefined, 'yyyy-mm-dd']);
  summary.addRow([t('currency'), cur]);
  for (const q of data.workloads) {
    summary.addRow([q.record.name, `${q.card.name} · TP ${q.option.tp} × PP ${q.option.pp} × ${q.option.replicas} = ${q.option.cards} ${t('cards')}`]);
  }
  addRow(summary, [t('totalCapex'), { formula: 'CapexTotal', result: capex }], [undefined, money]);
  addRow(summary, [t('tcoPerYear'), { formula: 'TcoPerYear', result: tcoPerYear }], [undefined, money]);
  addRow(summary, [t('tcoTotal', { years: inputs.Years! }), { formula: 'TcoTotal', result: tcoTotal }], [undefined, money]);
  const tokensRow = addRow(summary, [t('tokensPerSecond'), tokensKnown ? { formula: 'SUM(WorkloadTokens)', result: tokens } : t('unknown')], [undefined, '#,##0.0']);
  const costPerMillion = tokensKnown && tokens > 0 ? (tcoPerYear / (tokens * 3600 * inputs.HoursPerYear! * inputs.LoadFraction!)) * 1e6 : null;
  addRow(
    summary,
    [t('costPerMillion'), costPerMillion === null ? t('unknown') : { formula: `TcoPerYear/(B${tokensRow.number}*3600*HoursPerYear*LoadFraction)*1000000`, result: costPerMillion }],
    [undefined, MONEY[cur]],
  );
  const assumesRow = summary.addRow([
    t('assumes'),
    t('assumesText', { buffer: Math.round(data.safetyBufferFraction * 100), compute: Math.round(a.computeEfficiency * 100), pue: a.pue, years: a.years }),
  ]);
  assumesRow.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  summary.getColumn(1).font = { bold: true };

  return {
    workbook: wb,
    totals: { currency: cur, capex, taxRate: inputs.TaxRate!, powerPerYear: power, tcoPerYear, tcoTotal, years: inputs.Years!, tokensPerSecond: tokensKnown ? tokens : null, costPerMillionTokens: costPerMillion },
  };
}
