/**
 * The effective card catalog as a workbook: every card with the figures plans use (the user's
 * edits and, for a project, its price list applied), each figure's confidence, the price range and
 * the point used; and a Sources sheet with every figure's source, date and derivation.
 */
import type ExcelJS from 'exceljs';
import type { CardSpec } from '../../shared/catalog/card-specs.ts';
import { BYTES_PER_GIB } from '../../shared/units.ts';
import type { QuoteLanguage } from './labels.ts';

const L = {
  en: {
    cards: 'Cards',
    sources: 'Sources',
    head: ['Card id', 'Name', 'Chinese name', 'Vendor', 'Origin', 'Memory (GiB)', 'Bandwidth (GB/s)', 'BF16 dense (TFLOPS)', 'FP16 dense (TFLOPS)', 'FP8 dense (TFLOPS)', 'TDP (W)', 'Cards per server', 'Price low', 'Price high', 'Price used', 'Currency', 'Price date', 'Price source', 'Price basis', 'Confidence of memory / bandwidth / BF16-FP16 / TDP'],
    sourcesHead: ['Card id', 'Figure', 'Value', 'Confidence', 'Source', 'URL', 'Date', 'Derivation'],
    domestic: 'domestic',
    nvidia: 'NVIDIA',
    noPrice: (date: string) => `no public price (searched ${date})`,
    unknown: 'unknown',
  },
  'zh-CN': {
    cards: '加速卡',
    sources: '来源',
    head: ['加速卡 ID', '名称', '中文名', '厂商', '产地', '显存（GiB）', '带宽（GB/s）', 'BF16 稠密（TFLOPS）', 'FP16 稠密（TFLOPS）', 'FP8 稠密（TFLOPS）', 'TDP（W）', '每服务器卡数', '价格下限', '价格上限', '采用价格', '币种', '价格日期', '价格来源', '价格依据', '显存 / 带宽 / BF16-FP16 / TDP 的可信度'],
    sourcesHead: ['加速卡 ID', '指标', '数值', '可信度', '来源', '链接', '日期', '推算方法'],
    domestic: '国产',
    nvidia: '英伟达',
    noPrice: (date: string) => `无公开价格（检索于 ${date}）`,
    unknown: '未知',
  },
} as const;

const FIGURES: [string, (c: CardSpec) => number | null][] = [
  ['memory_gb', (c) => (c.memoryBytes === null ? null : c.memoryBytes / BYTES_PER_GIB)],
  ['bandwidth_gbps', (c) => (c.bandwidthBytesPerSecond === null ? null : c.bandwidthBytesPerSecond / 1e9)],
  ['bf16_tflops', (c) => (c.peakFlops.bf16 === null ? null : c.peakFlops.bf16 / 1e12)],
  ['fp16_tflops', (c) => (c.peakFlops.fp16 === null ? null : c.peakFlops.fp16 / 1e12)],
  ['tdp_w', (c) => c.tdpWatts],
];

const letter = (confidence: string | undefined): string => (confidence === 'published' ? 'P' : confidence === 'reported' ? 'R' : confidence === 'estimated' ? 'E' : confidence === 'user' ? 'U' : '?');

export async function buildCatalogWorkbook(cards: readonly CardSpec[], language: QuoteLanguage): Promise<ExcelJS.Workbook> {
  const { default: Excel } = await import('exceljs');
  const t = L[language];
  const wb = new Excel.Workbook();
  wb.creator = 'CardPlan';
  const sheet = wb.addWorksheet(t.cards, { views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }], pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9, printTitlesRow: '1:1' } });
  sheet.columns = [30, 40, 18, 16, 10, 12, 14, 14, 14, 14, 10, 10, 14, 14, 14, 9, 16, 60, 14, 20].map((width) => ({ width }));
  const head = sheet.addRow([...t.head]);
  head.font = { bold: true };
  for (const c of cards) {
    const p = c.price;
    const confidence = ['memory_gb', 'bandwidth_gbps', c.peakFlops.bf16 !== null ? 'bf16_tflops' : 'fp16_tflops', 'tdp_w'].map((f) => letter(c.provenance[f]?.confidence)).join(' / ');
    const row = sheet.addRow([
      c.id,
      c.name,
      c.nameZh ?? '',
      c.vendor,
      c.domestic ? t.domestic : t.nvidia,
      c.memoryBytes === null ? t.unknown : c.memoryBytes / BYTES_PER_GIB,
      c.bandwidthBytesPerSecond === null ? t.unknown : c.bandwidthBytesPerSecond / 1e9,
      c.peakFlops.bf16 === null ? t.unknown : c.peakFlops.bf16 / 1e12,
      c.peakFlops.fp16 === null ? t.unknown : c.peakFlops.fp16 / 1e12,
      c.peakFlops.fp8 === null ? t.unknown : c.peakFlops.fp8 / 1e12,
      c.tdpWatts === null ? t.unknown : c.tdpWatts,
      c.perServer ?? t.unknown,
      p ? p.low : c.priceSearched ? t.noPrice(c.priceSearched.date) : t.unknown,
      p ? p.high : '',
      p ? p.amount : '',
      p ? p.currency : '',
      p?.date ?? '',
      p ? p.source : (c.priceSearched?.queries ?? ''),
      p ? (p.list !== null ? `list: ${p.list}` : p.confidence) : '',
      confidence,
    ]);
    for (const col of [13, 14, 15]) row.getCell(col).numFmt = '#,##0';
  }
  const sources = wb.addWorksheet(t.sources, { views: [{ state: 'frozen', ySplit: 1 }], pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9, printTitlesRow: '1:1' } });
  sources.columns = [30, 16, 12, 12, 60, 50, 14, 70].map((width) => ({ width }));
  sources.addRow([...t.sourcesHead]).font = { bold: true };
  for (const c of cards) {
    for (const [field, value] of FIGURES) {
      const s = c.provenance[field];
      if (!s) continue;
      const row = sources.addRow([c.id, field, value(c) ?? t.unknown, s.confidence, s.source, s.url ?? '', s.date ?? '', s.derivation ?? '']);
      row.getCell(8).alignment = { wrapText: true, vertical: 'top' };
      row.getCell(5).alignment = { wrapText: true, vertical: 'top' };
    }
  }
  return wb;
}
