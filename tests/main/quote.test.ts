import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src-main/db/open.ts';
import { writeQuote } from '../../src-main/export/quote.ts';
import { overrideCard } from '../../src-main/services/cards.ts';
import type { ServiceContext } from '../../src-main/services/context.ts';
import { createExampleProject } from '../../src-main/services/example-project.ts';
import * as projects from '../../src-main/services/projects.ts';
import { main } from '../../src-main/cli/main.ts';
import { tempDir } from '../helpers.ts';
import { recalculate, SOFFICE } from '../libreoffice.ts';

type Cell = ExcelJS.Cell;
const Workbook = ((ExcelJS as unknown as { default?: typeof ExcelJS }).default ?? ExcelJS).Workbook;

async function read(file: string): Promise<ExcelJS.Workbook> {
  const wb = new Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

// `cell.result` rather than `cell.value.result`: exceljs' value copy drops a cached result of 0.
function formulaCells(wb: ExcelJS.Workbook): { sheet: string; address: string; formula: string; result: unknown }[] {
  const out: { sheet: string; address: string; formula: string; result: unknown }[] = [];
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell: Cell) => {
        if (cell.formula) out.push({ sheet: ws.name, address: cell.address, formula: cell.formula, result: cell.result });
      }),
    ),
  );
  return out;
}

const valueAt = (wb: ExcelJS.Workbook, sheet: string, address: string): unknown => {
  const cell = wb.getWorksheet(sheet)!.getCell(address);
  return cell.formula ? cell.result : cell.value;
};

let ctx: ServiceContext;
let projectId: string;
let file: string;

beforeAll(async () => {
  const dir = tempDir('cardplan-quote-');
  const db = path.join(dir, 'quote.db');
  ctx = { db: openStore(db).db, databasePath: db, runtime: 'node' };
  projectId = createExampleProject(ctx, 'en').id;
  file = path.join(dir, 'quote.xlsx');
});

describe('the quote workbook', () => {
  it('has the seven sheets, frozen headers, print setup, money formats and live formulas', async () => {
    const { totals } = await writeQuote(ctx, projectId, file, 'en');
    // Example project: QwQ-32B chat on 2 × H20 (TP 2 × PP 1) and bge-m3 on one H20, sharing one of
    // the chat model's cards: bge-m3 in FP16 needs 1,135,509,504 B of weights + 32 × 8,192 tokens ×
    // (2 × 1,024 + 2 × 4,096) × 2 B = 5,368,709,120 B of activations + 0.51 GiB of CUDA context and
    // 32 MiB of cuBLAS workspace, × 1.2 = 7.92 GiB, and vLLM at 0.90 leaves 0.1 × 95.03 − 0.51 = 8.99
    // GiB of each H20 free.
    // One 8-card server: 2 × US$13,500 (the middle of the H20's reported US$12,000–15,000) × 7.1
    // + US$32,010 × 7.1 = 418,971 CNY.
    expect(totals.capex).toBeCloseTo(2 * 13_500 * 7.1 + 32_010 * 7.1, 6);
    const wb = await read(file);
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['Summary', 'Bill of materials', 'Workloads', 'Comparison', 'TCO', 'Assumptions', 'Cards']);
    const bom = wb.getWorksheet('Bill of materials')!;
    expect(bom.getRow(1).values).toEqual([undefined, '#', 'Item', 'Quantity', 'Unit price', 'Line total', 'Note']);
    expect(bom.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    // A4 landscape at 80%: wide sheets run over more pages rather than shrink to an unreadable scale.
    expect(bom.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToPage: false, scale: 80, printTitlesRow: '1:1' });
    expect(wb.getWorksheet('Workloads')!.pageSetup).toMatchObject({ printTitlesColumn: 'A:A', scale: 80 });
    expect(bom.getCell('E2').value).toMatchObject({ formula: 'C2*D2' });
    expect(bom.getCell('D2').value).toMatchObject({ formula: '13500*CnyPerUsd', result: 95_850 });
    expect(bom.getCell('F2').value).toMatch(/^Reuters \(via dunyanews\) 2024-02; .*range 12,000–15,000 USD, middle used/);
    expect(bom.getCell('E2').numFmt).toBe('"¥"#,##0.00');
    const formulas = formulaCells(wb);
    expect(formulas.length).toBeGreaterThan(15);
    // Subtotal, discount, capex before tax, tax at the VAT rate, total including tax.
    expect(formulas.map((f) => f.formula)).toEqual(expect.arrayContaining(['SUM(E2:E3)', '-E4*Discount', 'E4+E5', 'E6*TaxRate', 'E6+E7', 'CapexTotal', 'TotalWithTax', 'TcoPerYear', 'TcoTotal', 'C2*B2*PUE*HoursPerYear/1000', 'D2*ElectricityPrice']));
    for (const f of formulas) expect(typeof f.result, `${f.sheet}!${f.address} carries its result`).toBe('number');
  });

  it.runIf(SOFFICE || process.env.CI)('recalculated by LibreOffice, every formula gives what CardPlan computed, and no cell is an error', async () => {
    const original = await read(file);
    const recalculated = await read(recalculate(file));
    const cells = formulaCells(original);
    for (const f of cells) {
      const value = valueAt(recalculated, f.sheet, f.address);
      expect(typeof value, `${f.sheet}!${f.address} = ${f.formula}`).toBe('number');
      expect(Math.abs((value as number) - (f.result as number)), `${f.sheet}!${f.address} = ${f.formula}`).toBeLessThanOrEqual(Math.abs(f.result as number) * 1e-9 + 1e-6);
    }
    recalculated.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell: Cell) => {
          const v = (cell.formula ? cell.result : cell.value) as { error?: string } | null;
          expect(v !== null && typeof v === 'object' && 'error' in v, `${ws.name}!${cell.address}`).toBe(false);
        }),
      ),
    );
  }, 120_000);

  it.runIf(SOFFICE || process.env.CI)('follows a unit price finance changes in Excel: totals, TCO and the summary recalculate', async () => {
    const wb = await read(file);
    const bom = wb.getWorksheet('Bill of materials')!;
    bom.getCell('D2').value = 100_000; // the H20 unit price, now typed in CNY
    const edited = path.join(path.dirname(file), 'edited.xlsx');
    await wb.xlsx.writeFile(edited);
    const recalculated = await read(recalculate(edited));
    const capex = 2 * 100_000 + 32_010 * 7.1; // 427,271 CNY before tax
    expect(valueAt(recalculated, 'Bill of materials', 'E2')).toBeCloseTo(200_000, 6);
    const summary = recalculated.getWorksheet('Summary')!;
    const capexRow = summary.getColumn(1).values.findIndex((v) => v === 'Capex before tax');
    expect(valueAt(recalculated, 'Summary', `B${capexRow}`)).toBeCloseTo(capex, 6);
    const totalRow = summary.getColumn(1).values.findIndex((v) => v === 'Total including tax');
    expect(valueAt(recalculated, 'Summary', `B${totalRow}`)).toBeCloseTo(capex * 1.13, 6); // 13% VAT
    const tco = recalculated.getWorksheet('TCO')!;
    const tcoRow = tco.getColumn(1).values.findIndex((v) => v === 'TCO per year');
    const power = ((400 * 2 * 1.3 * 8760) / 1000) * 0.088 * 7.1; // 2 H20 at 400 W, PUE 1.3, US$0.088/kWh
    expect(valueAt(recalculated, 'TCO', `E${tcoRow}`)).toBeCloseTo(capex / 3 + power, 4);
  }, 120_000);

  it('states TTFT and TPOT as estimates with their band, and their basis; the encoder has none', async () => {
    const wb = await read(file);
    const ws = wb.getWorksheet('Workloads')!;
    const head = (ws.getRow(1).values as unknown[]).slice(1);
    const col = (title: string) => head.indexOf(title) + 1;
    expect(col('Time to first token, ms (estimate)')).toBeGreaterThan(0);
    expect(col('Time per output token, ms (estimate)')).toBe(col('Time to first token, ms (estimate)') + 1);
    const chat = ws.getRow(2);
    const tpot = String(chat.getCell(col('Time per output token, ms (estimate)')).value);
    const [, value, low, high] = /^([\d,]+) \(([\d,]+)–([\d,]+)\)$/.exec(tpot)!.map((x) => Number(x?.replace(/,/g, '')));
    expect(low).toBeLessThan(value!);
    expect(high).toBeGreaterThan(value!);
    expect(String(chat.getCell(col('Time to first token, ms (estimate)')).value)).toMatch(/^[\d,]+ \([\d,]+–[\d,]+\)$/);
    // The example's chat workload runs on 2 × H20 at TP 2: the H20's own decode measurements, Hopper's all-reduce.
    expect(chat.getCell(col('Speed basis')).value).toBe('kernels of the same architecture');
    expect(ws.getRow(3).getCell(col('Time per output token, ms (estimate)')).value).toBe('—');
  });

  it('speaks Chinese when asked: sheet names, labels and the currency format', async () => {
    const zh = path.join(path.dirname(file), 'zh.xlsx');
    await writeQuote(ctx, projectId, zh, 'zh-CN');
    const wb = await read(zh);
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['摘要', '物料清单', '工作负载', '方案比较', 'TCO', '假设', '加速卡']);
    expect(wb.getWorksheet('物料清单')!.getRow(1).values).toEqual([undefined, '序号', '项目', '数量', '单价', '小计', '备注']);
  });

  it('records each export in the store, so a quote can be reproduced', () => {
    const rows = ctx.db.prepare('SELECT file_name, inputs_json, results_json FROM quotes WHERE project_id = ?').all(projectId) as { file_name: string; inputs_json: string; results_json: string }[];
    expect(rows.map((r) => r.file_name)).toEqual(expect.arrayContaining(['quote.xlsx', 'zh.xlsx']));
    expect(JSON.parse(rows[0]!.results_json).capex).toBeCloseTo(418_971, 6);
    expect(JSON.parse(rows[0]!.inputs_json).workloads).toHaveLength(2);
  });
});

describe('failures leave nothing behind', () => {
  it('an unwritable path: a clear error, no partial workbook, nothing recorded', async () => {
    const before = ctx.db.prepare('SELECT count(*) FROM quotes').pluck().get();
    const dir = path.join(tempDir(), 'missing-folder');
    await expect(writeQuote(ctx, projectId, path.join(dir, 'q.xlsx'), 'en')).rejects.toThrow(/cannot write the quote to .*q\.xlsx: the folder does not exist; nothing was written/);
    expect(fs.existsSync(dir)).toBe(false);
    expect(ctx.db.prepare('SELECT count(*) FROM quotes').pluck().get()).toBe(before);
  });

  it('a target that is a folder: the partial file is removed and nothing recorded', async () => {
    const before = ctx.db.prepare('SELECT count(*) FROM quotes').pluck().get();
    const dir = tempDir();
    const target = path.join(dir, 'taken.xlsx');
    fs.mkdirSync(path.join(target, 'inside'), { recursive: true });
    await expect(writeQuote(ctx, projectId, target, 'en')).rejects.toThrow(/cannot write the quote to .*taken\.xlsx: .*; nothing was written/);
    expect(fs.readdirSync(dir)).toEqual(['taken.xlsx']);
    expect(ctx.db.prepare('SELECT count(*) FROM quotes').pluck().get()).toBe(before);
  });

  it("a chosen card with no TDP is refused with the plan's own sentence", async () => {
    const { id } = projects.createProject(ctx, { name: 'on 910B' }, [
      { name: 'chat', model: { builtin: 'qwen2.5-7b-instruct' }, workload: { contextTokens: 4096 }, chosen: { card: 'huawei-ascend-910b', tp: 1, pp: 1, replicas: 1 } },
    ]);
    overrideCard(ctx, 'huawei-ascend-910b', { tdpWatts: null });
    await expect(writeQuote(ctx, id, path.join(tempDir(), 'q.xlsx'), 'en')).rejects.toThrow(
      'Power, TCO and cost per 1M tokens unknown: no TDP for Ascend 910B 64GB (huawei-ascend-910b) — enter it in the card catalog; the quote needs it',
    );
    overrideCard(ctx, 'huawei-ascend-910b', { tdpWatts: 400 });
    const { totals } = await writeQuote(ctx, id, path.join(tempDir(), 'q.xlsx'), 'en');
    // One 910B at the middle of 70,000–120,000 CNY and a baseboard chassis.
    expect(totals.capex).toBeCloseTo(95_000 + 32_010 * 7.1, 6);
  });

  it('cardplan quote writes the workbook and prints its totals', async () => {
    let out = '';
    const target = path.join(tempDir(), 'cli.xlsx');
    const code = await main(['quote', projectId, '--db', ctx.databasePath, '--out', target, '--lang', 'en', '--json'], { out: (t) => (out += t), err: () => {} });
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ file: target, currency: 'CNY', years: 3 });
    expect(fs.existsSync(target)).toBe(true);
    let err = '';
    expect(await main(['quote', projectId, '--out', 'x.pdf'], { out: () => {}, err: (t) => (err += t) })).toBe(2);
    expect(err).toBe("cardplan: quote: --out must name an .xlsx file (got 'x.pdf')\n");
  });
});
