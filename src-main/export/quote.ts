/**
 * Exporting a quote: build the workbook, write it under a temporary name and rename it (a failure
 * never leaves a partial workbook), and record the export — inputs, totals and file name — in the
 * quotes table, so the quote can be reproduced later. Nothing is recorded when writing fails.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CardPlanError } from '../../shared/errors.ts';
import type { ServiceContext } from '../services/context.ts';
import type { QuoteLanguage } from './labels.ts';
import { quoteData, type QuoteData } from './quote-data.ts';
import { buildQuoteWorkbook, type QuoteTotals } from './workbook.ts';

export interface QuoteResult {
  file: string;
  totals: QuoteTotals;
}

/** `<client>-<project>-<YYYY-MM-DD>.xlsx`, with characters no file system accepts replaced. */
export function defaultQuoteName(data: Pick<QuoteData, 'project' | 'createdAtMs'>): string {
  const day = new Date(data.createdAtMs).toISOString().slice(0, 10);
  const parts = [data.project.client, data.project.name, day].filter(Boolean).join('-');
  return `${parts.replace(/[\\/:*?"<>|\s]+/g, '_')}.xlsx`;
}

function record(ctx: ServiceContext, data: QuoteData, fileName: string, language: QuoteLanguage, totals: QuoteTotals): void {
  const inputs = {
    language,
    project: { id: data.project.id, name: data.project.name, client: data.project.client, currency: data.project.currency },
    workloads: data.workloads.map((q) => ({ id: q.record.id, name: q.record.name, model: q.record.model, workload: q.record.workload, chosen: { card: q.option.card, tp: q.option.tp, pp: q.option.pp, replicas: q.option.replicas } })),
    assumptions: data.assumptions,
    document: data.document,
  };
  ctx.db
    .prepare('INSERT INTO quotes (id, project_id, file_name, inputs_json, results_json, created_at_ms, number) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(randomUUID(), data.project.id, fileName, JSON.stringify(inputs), JSON.stringify(totals), data.createdAtMs, data.document.sequence);
}

/** Builds the workbook in memory (for the window, which saves it through the browser's download). */
export async function quoteBuffer(ctx: ServiceContext, projectId: string, language: QuoteLanguage): Promise<{ fileName: string; buffer: Buffer; totals: QuoteTotals }> {
  const data = quoteData(ctx, projectId);
  const { workbook, totals } = await buildQuoteWorkbook(data, language);
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  const fileName = defaultQuoteName(data);
  record(ctx, data, fileName, language, totals);
  return { fileName, buffer, totals };
}

/** Writes the quote to `out` (temporary name, then rename) and records it. */
export async function writeQuote(ctx: ServiceContext, projectId: string, out: string, language: QuoteLanguage): Promise<QuoteResult> {
  const data = quoteData(ctx, projectId);
  const { workbook, totals } = await buildQuoteWorkbook(data, language);
  const target = path.resolve(out);
  const partial = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.partial`);
  try {
    await workbook.xlsx.writeFile(partial);
    fs.renameSync(partial, target);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'the folder does not exist' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOSPC' ? 'the disk is full' : code === 'EBUSY' ? 'the file is open in another program' : (error as Error).message;
    throw new CardPlanError('storage', `cannot write the quote to ${target}: ${why}; nothing was written`);
  }
  record(ctx, data, path.basename(target), language, totals);
  return { file: target, totals };
}
