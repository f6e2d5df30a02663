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
import { DEFAULT_ASSUMPTIONS } from '../../shared/plan/assumptions.ts';
import { labels, type QuoteLanguage } from './labels.ts';
import { isPriceStale } from './price-age.ts';
import { calibrationText } from '../../shared/engine-log/calibration.ts';
import type { QuoteData } from './quote-data.ts';
import { addRow, converted, fitHeight, GIB, header, INT, MONEY, sheet, valueOf, wrapColumns, type PageHeader, type Row } from './sheets.ts';
import { summarySheet } from './summary-sheet.ts';

export interface QuoteTotals {
  currency: Currency;
  /** The quote's number ("CP-2026-0007"). */
  number: string;
  subtotal: number;
  discountFraction: number;
  /** Capex before tax, after the discount: what plans call capex, and what TCO counts. */
  capex: number;
  taxRate: number;
  tax: number;
  /** Capex including tax: what the client pays. */
  total: number;
  powerPerYear: number;
  supportPerYear: number;
  tcoPerYear: number;
  tcoTotal: number;
  years: number;
  /** Output tokens/s of chat and generation workloads; input tokens/s of encoders, never added to them. */
  tokensPerSecond: number | null;
  inputTokensPerSecond: number | null;
  costPerMillionTokens: number | null;
}

export async function buildQuoteWorkbook(data: QuoteData, language: QuoteLanguage): Promise<{ workbook: ExcelJS.Workbook; totals: QuoteTotals }> {
  const { default: Excel } = await import('exceljs');
  const t = labels(language);
  const zh = language === 'zh-CN';
  const a = data.assumptions;
  const doc = data.document;
  const cur = a.currency;
  const money = MONEY[cur];
  const cnyPer = { CNY: 1, USD: a.cnyPer.USD, EUR: a.cnyPer.EUR } as Record<Currency, number>;
  for (const q of data.workloads) {
    // The same sentence the plan and the window show for the missing figure.
    const needed = zh ? '；报价需要此项' : '; the quote needs it';
    if (q.card.price === null) throw new CardPlanError('invalid_input', `${unknownSentence('price', q.card, language)}${needed}`);
    if (q.card.tdpWatts === null) throw new CardPlanError('invalid_input', `${unknownSentence('tdp', q.card, language)}${needed}`);
  }
  // Card names in the quote's language where the card has a Chinese name.
  const nameOf = (id: string, fallback: string) => {
    const c = data.cards.find((x) => x.id === id);
    return zh && c?.nameZh ? c.nameZh : (c?.name ?? fallback);
  };
  // The catalog's English notes, in the quote's language where they are the built-in ones.
  const D = DEFAULT_ASSUMPTIONS;
  const note = (text: string): string =>
    text === D.exchangeRateNote ? t('exchangeRateNote')
    : text === D.electricityPrice.source ? t('electricitySource')
    : text === D.chassisPrice.baseboard.source ? t('chassisBaseboard')
    : text === D.chassisPrice.pcie.source ? t('chassisPcie')
    : text === 'settings' ? t('fromSettings')
    : text;
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

  const wb = new Excel.Workbook();
  wb.creator = 'CardPlan';
  wb.created = new Date(data.createdAtMs);
  wb.calcProperties.fullCalcOnLoad = true;
  const page: PageHeader = {
    left: doc.supplier.name || 'CardPlan',
    center: `${t('quoteTitle')} ${doc.number}`,
    right: `${data.project.client ? `${data.project.client} · ` : ''}${day(data.createdAtMs)}`,
    footer: '&P / &N',
  };

  // Sheets in reading order; filled in dependency order below.
  // Widths sum to at most about 130 characters a page at 80% on A4 landscape; wider sheets run
  // over more pages with their first column repeated.
  const summary = sheet(wb, t('sheetSummary'), [46, 80], page, { frozenHeader: false });
  const bomWs = sheet(wb, t('sheetBom'), [5, 36, 8, 16, 18, 47], page);
  const workloadsWs = sheet(wb, t('sheetWorkloads'), [20, 20, 15, 8, 8, 10, 9, 12, 16, 5, 5, 7, 6, 10, 10, 10, 10, 10, 10, 10, 11, 12, 12, 14, 14, 16, 40], page, { repeatFirstColumn: true });
  const comparison = sheet(wb, t('sheetComparison'), [20, 9, 20, 6, 7, 6, 9, 12, 15, 15, 12], page, { repeatFirstColumn: true });
  const tco = sheet(wb, t('sheetTco'), [40, 10, 10, 20, 20], page);
  const assumptions = sheet(wb, t('sheetAssumptions'), [34, 18, 8, 68], page);
  const cardsWs = sheet(wb, t('sheetCards'), [28, 10, 10, 10, 8, 12, 12, 12, 8, 14, 50, 14], page, { repeatFirstColumn: true });
  wrapColumns(bomWs, [2, 6]);
  wrapColumns(workloadsWs, [1, 2, 9, 24, 25, 26, 27]);
  wrapColumns(comparison, [1, 3]);
  wrapColumns(tco, [1]);
  wrapColumns(assumptions, [1, 4]);
  wrapColumns(cardsWs, [1, 10, 11, 12]);
  wrapColumns(summary, [2]);

  // Assumptions: named input cells every formula refers to.
  header(assumptions, [t('item'), t('value'), t('unit'), t('source')]);
  const named: [string, string, number | { formula: string; result: number } | string, string | undefined, string][] = [
    ['', t('currency'), cur, undefined, ''],
    ['TaxRate', t('vatRate'), doc.taxRate, '0.00%', doc.taxRateFromProject ? t('taxNoteProject') : t('taxNoteDefault')],
    ['Discount', t('discount'), doc.discountFraction, '0.00%', t('discountNote')],
    ['CnyPerUsd', t('cnyPerUsd'), a.cnyPer.USD, '0.0000', note(a.exchangeRateNote)],
    ['CnyPerEur', t('cnyPerEur'), a.cnyPer.EUR, '0.0000', note(a.exchangeRateNote)],
    ['PUE', t('pue'), a.pue, '0.00', ''],
    ['Years', t('years'), a.years, '0', t('tcoBasis')],
    ['HoursPerYear', t('hoursPerYear'), a.hoursPerYear, INT, ''],
    ['LoadFraction', t('loadFraction'), a.loadFraction, '0.00', ''],
    ['ElectricityPrice', t('electricity'), converted(a.electricityPrice.amount, a.electricityPrice.currency, cur, cnyPer), '0.0000', note(a.electricityPrice.source)],
    ['SupportPerServer', t('supportLine'), converted(a.perServer.supportPerYear.amount, a.perServer.supportPerYear.currency, cur, cnyPer), money, a.perServer.supportPerYear.amount ? t('fromSettings') : t('notSet')],
    ['SafetyBuffer', t('safetyBuffer'), data.safetyBufferFraction, '0.00', ''],
    ['ComputeEfficiency', t('computeEfficiency'), a.computeEfficiency, '0.00', t('assumption')],
    [
      '',
      t('priceBasis'),
      data.priceList
        ? t('priceBasisList', { name: data.priceList.name, source: data.priceList.source, date: day(data.priceList.importedAtMs), point: t(`point_${data.pricePoint}`) })
        : t('priceBasisCatalog', { point: t(`point_${data.pricePoint}`) }),
      undefined,
      '',
    ],
    ['', t('engines'), [...new Set(data.workloads.map((q) => `${q.record.workload.engine ?? 'generic'}${q.record.workload.engine === 'vllm' ? ` ${q.record.workload.engineVersion ?? '0.19'}` : ''}`))].join(', '), undefined, ''],
  ];
  const inputs: Record<string, number> = {};
  for (const [name, label, value, fmt, source] of named) {
    const row = addRow(assumptions, [label, value as Row[number], '', source], [undefined, fmt]);
    if (name) {
      row.getCell(2).name = name;
      inputs[name] = typeof value === 'number' ? value : typeof value === 'string' ? Number.NaN : value.result;
    }
  }

  // Cards: every card quoted or compared, its figures and price with range, date, source, confidence.
  header(cardsWs, [t('card'), t('memoryGib'), t('bandwidth'), t('bf16'), t('tdp'), t('priceLow'), t('priceHigh'), t('priceUsed'), t('priceCurrency'), t('priceDate'), t('source'), t('confidence')]);
  for (const c of data.cards) {
    const p = c.price;
    addRow(
      cardsWs,
      [
        `${nameOf(c.id, c.name)} (${c.id})`,
        c.memoryBytes === null ? t('unknown') : bytesToGiB(c.memoryBytes),
        c.bandwidthBytesPerSecond === null ? t('unknown') : c.bandwidthBytesPerSecond / 1e9,
        c.peakFlops.bf16 === null ? t('unknown') : c.peakFlops.bf16 / 1e12,
        c.tdpWatts === null ? t('unknown') : c.tdpWatts,
        p === null ? t('unknown') : p.low,
        p === null ? t('unknown') : p.high,
        p === null ? t('unknown') : p.amount,
        p?.currency ?? '',
        p?.date ?? '',
        p ? p.source : '',
        p ? t(`confidence_${p.confidence}`) : '',
      ],
      [undefined, GIB, INT, INT, INT, '#,##0', '#,##0', '#,##0', undefined, undefined, undefined, undefined],
    );
  }

  // Bill of materials: quantity × unit price, subtotal, discount, capex before tax, tax, total.
  header(bomWs, [t('no'), t('item'), t('quantity'), t('unitPrice'), t('lineTotal'), t('note')]);
  let subtotal = 0;
  let n = 0;
  const first = 2;
  const line = (item: string, qty: number, price: { formula: string; result: number } | number, text: string) => {
    n++;
    const r = first + n - 1;
    const total = qty * valueOf(price);
    subtotal += total;
    addRow(bomWs, [n, item, qty, price, { formula: `C${r}*D${r}`, result: total }, text], [undefined, undefined, INT, money, money]);
  };
  const n0 = (x: number) => formatNumber(x, zh ? 'zh-CN' : 'en', 0);
  let servers = 0;
  for (const l of data.bom.lines) {
    const card = data.workloads.find((q) => q.card.id === l.card)!.card;
    const p = card.price!;
    // A price list's quantity break for this many cards, or the price at the project's point.
    const at = unitPrices(p, l.cards);
    const range = at.low === at.high ? '' : `; ${t('priceRange', { low: n0(at.low), high: n0(at.high), currency: p.currency, point: t(`point_${data.pricePoint}`) })}`;
    const chassis = a.chassisPrice[card.serverClass];
    servers += l.servers;
    line(t('cardLine', { card: nameOf(card.id, card.name) }), l.cards, converted(at.amount, p.currency, cur, cnyPer), `${p.source} (${p.date ?? '—'})${p.indicative ? `, ${t('indicative')}` : ''}${range}; ${l.workloads.join(', ')}`);
    line(t('serverLine', { class: t(`serverClass_${card.serverClass}`), per: card.perServer ?? a.defaultPerServer }), l.servers, converted(chassis.amount, chassis.currency, cur, cnyPer), `${note(chassis.source)}${chassis.date ? ` (${chassis.date})` : ''}`);
  }
  if (a.perServer.capex.amount > 0) line(t('serverExtrasLine'), servers, converted(a.perServer.capex.amount, a.perServer.capex.currency, cur, cnyPer), t('fromSettings'));
  for (const extra of a.extraLineItems) line(extra.name, extra.quantity, converted(extra.price.amount, extra.price.currency, cur, cnyPer), extra.price.source);
  const last = first + n - 1;
  const subRow = addRow(bomWs, [null, t('subtotal'), null, null, { formula: `SUM(E${first}:E${last})`, result: subtotal }], [undefined, undefined, undefined, undefined, money]);
  subRow.getCell(5).name = 'Subtotal';
  const discount = subtotal * inputs.Discount!;
  const discountRow = addRow(bomWs, [null, t('discount'), null, { formula: 'Discount', result: inputs.Discount! }, { formula: `-E${subRow.number}*Discount`, result: -discount }], [undefined, undefined, undefined, '0.00%', money]);
  const capex = subtotal - discount;
  const capexRowB = addRow(bomWs, [null, t('capexBeforeTax'), null, null, { formula: `E${subRow.number}+E${discountRow.number}`, result: capex }], [undefined, undefined, undefined, undefined, money]);
  capexRowB.getCell(5).name = 'CapexTotal';
  const tax = capex * inputs.TaxRate!;
  const taxRow = addRow(bomWs, [null, t('tax'), null, { formula: 'TaxRate', result: inputs.TaxRate! }, { formula: `E${capexRowB.number}*TaxRate`, result: tax }], [undefined, undefined, undefined, '0.00%', money]);
  const total = capex + tax;
  const totalRow = addRow(bomWs, [null, t('totalWithTax'), null, null, { formula: `E${capexRowB.number}+E${taxRow.number}`, result: total }], [undefined, undefined, undefined, undefined, money]);
  totalRow.font = { bold: true };
  totalRow.getCell(5).name = 'TotalWithTax';

  // TCO: power from TDP × cards × PUE × hours × electricity price, support per server, yearly and over the years.
  header(tco, [t('card'), t('cards'), t('tdp'), t('kwhPerYear'), t('powerPerYear')]);
  let power = 0;
  const tcoFirst = 2;
  for (const l of data.bom.lines) {
    const card = data.workloads.find((q) => q.card.id === l.card)!.card;
    const r = tco.rowCount + 1;
    const kwh = (card.tdpWatts! * l.cards * inputs.PUE! * inputs.HoursPerYear!) / 1000;
    const cost = kwh * inputs.ElectricityPrice!;
    power += cost;
    addRow(tco, [nameOf(card.id, card.name), l.cards, card.tdpWatts!, { formula: `C${r}*B${r}*PUE*HoursPerYear/1000`, result: kwh }, { formula: `D${r}*ElectricityPrice`, result: cost }], [undefined, INT, INT, INT, money]);
  }
  const tcoLast = tco.rowCount;
  tco.addRow([]);
  const capexRow = addRow(tco, [t('capexBeforeTax'), null, null, null, { formula: 'CapexTotal', result: capex }], [undefined, undefined, undefined, undefined, money]);
  const powerRow = addRow(tco, [t('powerPerYear'), null, null, null, { formula: `SUM(E${tcoFirst}:E${tcoLast})`, result: power }], [undefined, undefined, undefined, undefined, money]);
  powerRow.getCell(5).name = 'PowerPerYear';
  const support = servers * inputs.SupportPerServer!;
  const supportRow = addRow(tco, [t('supportPerYear'), servers, null, null, { formula: `B${tco.rowCount + 1}*SupportPerServer`, result: support }], [undefined, INT, undefined, undefined, money]);
  const tcoPerYear = capex / inputs.Years! + power + support;
  const tcoTotal = capex + (power + support) * inputs.Years!;
  const yearlyRow = addRow(tco, [t('tcoPerYear'), null, null, null, { formula: `E${capexRow.number}/Years+E${powerRow.number}+E${supportRow.number}`, result: tcoPerYear }], [undefined, undefined, undefined, undefined, money]);
  yearlyRow.getCell(5).name = 'TcoPerYear';
  const totalTcoRow = addRow(tco, [t('tcoTotal', { years: inputs.Years! }), null, null, null, { formula: `E${capexRow.number}+(E${powerRow.number}+E${supportRow.number})*Years`, result: tcoTotal }], [undefined, undefined, undefined, undefined, money]);
  totalTcoRow.font = { bold: true };
  totalTcoRow.getCell(5).name = 'TcoTotal';
  tco.addRow([]);
  fitHeight(tco, tco.addRow([t('tcoBasis')]));

  // An estimate with its band, as one readable cell: "48 (41–60)"; '—' where speed does not apply.
  const withBand = (value: number | null, band: [number, number] | null | undefined): string => {
    if (value === null || !band) return '—';
    const r = (x: number) => Math.round(x).toLocaleString('en-US');
    return `${r(value)} (${t('band', { low: r(band[0]), high: r(band[1]) })})`;
  };

  // Workloads: inputs, the memory of one card by term, the configuration, speed.
  header(workloadsWs, [
    t('workload'), t('model'), t('params'), t('precision'), t('kvDtype'), t('context'), t('concurrency'), t('engine'), t('card'), 'TP', 'PP', t('replicas'), t('cards'),
    t('weightsGib'), t('kvGib'), t('activationsGib'), t('overheadGib'), t('bufferGib'), t('totalGib'), t('usableGib'), t('allCardsGib'), t('tokensPerSecond'),
    t('inputTokensPerSecond'), t('ttftMs'), t('tpotMs'), t('speedBasis'), t('fit'),
  ]);
  let tokens = 0;
  let tokensKnown = true;
  let inputTokens: number | null = null;
  for (const q of data.workloads) {
    const b = q.sizing.perCard!.bytes;
    const r = workloadsWs.rowCount + 1;
    const perCard = bytesToGiB(b.total);
    // Output tokens (chat) and input tokens (embedding, reranker) are never added together: only
    // the first go into the total and the cost per 1M output tokens.
    const generation = q.option.kind === 'generation';
    const tps = q.option.decodeTokensPerSecond;
    if (generation && tps === null) tokensKnown = false;
    else if (generation && tps !== null) tokens += tps;
    if (!generation && q.option.inputTokensPerSecond !== null) inputTokens = (inputTokens ?? 0) + q.option.inputTokensPerSecond;
    addRow(
      workloadsWs,
      [
        q.record.name, q.modelName, q.params, q.sizing.weightFormat, q.sizing.kvDtype, q.sizing.contextTokens, q.sizing.concurrency, q.sizing.engine,
        nameOf(q.card.id, q.card.name), q.option.tp, q.option.pp, q.option.replicas, q.option.cards,
        bytesToGiB(b.weights), bytesToGiB(b.kvCache), bytesToGiB(b.activations), bytesToGiB(b.overhead), bytesToGiB(b.buffer), perCard,
        bytesToGiB(q.sizing.perCard!.capacityBytes), { formula: `S${r}*M${r}`, result: perCard * q.option.cards }, generation ? (tps === null ? t('unknown') : tps) : '—',
        generation ? '—' : (q.option.inputTokensPerSecond ?? t('unknown')),
        withBand(q.option.ttftMs, q.option.speed?.band.ttftMs), withBand(q.option.tpotMs, q.option.speed?.band.tpotMs),
        q.option.speed ? t(`basis_${q.option.speed.basis}`) : '—',
        `${verdictSentence(q.option.verdict, language)}${q.option.calibratedFrom ? ` (${calibrationText(q.option.calibratedFrom, language)})` : ''}`,
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
        [q.record.name, o.domestic ? t('domestic') : t('nvidia'), nameOf(o.card, o.cardName), o.cards, o.servers, t('yes'), bytesToGiB(o.perCardBytes), o.throughputTokensPerSecond ?? t('unknown'), o.capex ?? t('unknown'), o.tcoPerYear ?? t('unknown'), o.costPerMillionTokens ?? t('unknown')],
        [undefined, undefined, undefined, INT, INT, undefined, GIB, '#,##0.0', money, money, money],
      );
    }
  }

  const costPerMillion = tokensKnown && tokens > 0 ? (tcoPerYear / (tokens * 3600 * inputs.HoursPerYear! * inputs.LoadFraction!)) * 1e6 : null;
  const stale = data.bom.lines
    .map((l) => data.workloads.find((q) => q.card.id === l.card)!.card)
    .filter((c) => isPriceStale(c.price!, data.createdAtMs))
    .map((c) => t('priceOld', { card: nameOf(c.id, c.name), date: c.price!.date ?? '—' }));
  summarySheet(summary, { data, t, nameOf, day, money, tokensKnown, tokens, inputTokens, costPerMillion, stale, totals: { subtotal, capex, total, tcoPerYear, tcoTotal } });

  return {
    workbook: wb,
    totals: {
      currency: cur,
      number: doc.number,
      subtotal,
      discountFraction: inputs.Discount!,
      capex,
      taxRate: inputs.TaxRate!,
      tax,
      total,
      powerPerYear: power,
      supportPerYear: support,
      tcoPerYear,
      tcoTotal,
      years: inputs.Years!,
      tokensPerSecond: tokensKnown ? tokens : null,
      inputTokensPerSecond: inputTokens,
      costPerMillionTokens: costPerMillion,
    },
  };
}
