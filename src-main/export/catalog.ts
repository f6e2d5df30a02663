/**
 * Exporting the effective card catalog (`catalog:export`, `cardplan cards --out FILE.xlsx`): the
 * cards as plans see them — the user's edits, and a project's or a named price list applied.
 */
import type { ServiceContext } from '../services/context.ts';
import { pricingFor } from '../services/planning.ts';
import { buildCatalogWorkbook } from './catalog-workbook.ts';
import type { QuoteLanguage } from './labels.ts';

export async function catalogBuffer(ctx: ServiceContext, options: { projectId?: string; priceList?: string; language: QuoteLanguage }): Promise<{ fileName: string; buffer: Buffer }> {
  const pricing = pricingFor(ctx, options);
  const wb = await buildCatalogWorkbook(pricing.cards, options.language);
  const day = new Date().toISOString().slice(0, 10);
  const list = pricing.priceList ? `-${pricing.priceList.name.replace(/[\\/:*?"<>|\s]+/g, '_')}` : '';
  return { fileName: `cardplan-catalog${list}-${day}.xlsx`, buffer: Buffer.from(await wb.xlsx.writeBuffer()) };
}
