/**
 * Prices procurement can defend: a vendor's price list imported with a preview of what matched and
 * which lines did not, chosen on a project, carried into the quote; the point of the catalog's
 * public ranges; and a figure still unknown filled in where Compare names it. Screenshots in
 * test-results/e2e/.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { ROOT } from '../helpers.ts';
import { expect, test } from './harness.ts';
import { ComparePage } from './pages/compare.ts';
import { ProjectsPage } from './pages/projects.ts';
import { Shell } from './pages/shell.ts';
import { WorkspacePage } from './pages/workspace.ts';

test.describe.configure({ mode: 'serial' });

const FIXTURE = path.join(ROOT, 'tests/fixtures/price-lists/vendor-quote-2026-11.csv');

test('a vendor price list: preview with bad lines, import, choose it on a project, the quote cites it', async ({ page, harness }, testInfo) => {
  // A long journey over every screen it touches, on a 2-core machine: three times the default time.
  test.slow();
  await page.setViewportSize({ width: 1280, height: 900 });
  const shell = new Shell(page);
  await shell.open(harness.url);
  // Other journeys in this worker edit the H20's price: start from the catalog's.
  // (When this spec runs alone there is no edit to reset, and the call says so.)
  await page.evaluate(() => (window as any).cardplan.cardReset({ cardId: 'nvidia-h20-96gb' }));
  await shell.nav(/Card catalog/).click();
  await page.getByLabel('Import a price list (.xlsx, .csv)').setInputFiles({ name: 'vendor-quote-2026-11.csv', mimeType: 'text/csv', buffer: fs.readFileSync(FIXTURE) });
  const preview = page.getByRole('region', { name: 'Price list preview' });
  await expect(preview.getByTestId('preview-summary')).toHaveText('vendor-quote-2026-11.csv: 4 row(s) to import, 4 not imported');
  // Each bad line by its number in the file, with why.
  await expect(preview.locator('tr.bad')).toHaveText([
    /^6XPU-9000 超算卡not imported: unknown card "XPU-9000 超算卡"/,
    /^7RTX 4090 24Gnot imported: unit price "面议" is not a number/,
    /^8海光 K100-AInot imported: unit price must be positive \(got -5\)/,
    /^9沐曦 C500not imported: no currency/,
  ]);
  await expect(preview.getByRole('row').filter({ hasText: '昇腾910B 64G' }).first()).toContainText('Ascend 910B 64GB');
  await shell.screenshot(testInfo.outputPath('price-list-preview.png'));
  // Nothing is stored until confirmed.
  expect(await page.evaluate(() => (window as any).cardplan.pricesList())).toMatchObject({ ok: true, value: [] });
  await preview.getByLabel('Keep as').fill('Distributor A 2026-11');
  await preview.getByRole('button', { name: 'Import 4 row(s)' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: 'Distributor A 2026-11' })).toContainText('4 item(s) · vendor-quote-2026-11.csv · 华为授权分销商A');

  // The example project at the catalog's middle, then the ends of the ranges, then the list.
  await shell.nav(/Projects/).click();
  await new ProjectsPage(page).openFreshExample();
  const ws = new WorkspacePage(page);
  const capex = ws.row('Internal chat service').getByRole('cell').nth(9);
  // 2 × H20 (US$12,000–15,000 reported) + one HGX chassis at US$32,010, at 7.1 CNY/USD.
  // The point used, and the range under it.
  await expect(capex).toHaveText(/^CN¥418,971\s+CN¥397,671–CN¥440,271\s*$/); // 2 × 13,500 × 7.1 + 227,271
  // The quote shares one H20 server between the chat model and bge-m3; each workload alone would
  // need its own: 418,971 + (95,850 + 227,271) = 742,092 CNY.
  await expect(page.getByTestId('project-totals')).toHaveText(
    'Capex before tax, each workload on its own servers: CN¥742,092 (2 server(s)). On shared servers, as the quote charges it: CN¥418,971 (1 server(s)).',
  );
  await page.getByLabel('Point of the ranges').selectOption('low');
  await expect(capex).toHaveText(/^CN¥397,671\s+CN¥397,671–CN¥440,271\s*$/); // 2 × 12,000 × 7.1 + 227,271
  await page.getByLabel('Point of the ranges').selectOption('high');
  await expect(capex).toHaveText(/^CN¥440,271\s+CN¥397,671–CN¥440,271\s*$/); // 2 × 15,000 × 7.1 + 227,271
  await page.getByLabel('Prices from').selectOption({ label: 'Distributor A 2026-11' });
  // The list's H20 at 98,000 CNY and its 8-card server at 320,000 CNY: 2 × 98,000 + 320,000.
  await expect(capex).toHaveText('CN¥516,000');
  await shell.screenshot(testInfo.outputPath('workspace-price-list.png'));

  // This client's VAT: 6% on the project instead of the 13% default.
  await expect(page.getByLabel('VAT %')).toHaveAttribute('placeholder', 'as in Settings');
  await page.getByLabel('VAT %').fill('6');
  await page.getByLabel('VAT %').press('Tab');
  await expect(page.getByLabel('VAT %')).toHaveValue('6');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export quote (Excel)' }).click();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile((await (await download).path())!);
  const bom = wb.getWorksheet('Bill of materials')!;
  expect(bom.getCell('D2').value).toBe(98_000);
  expect(String(bom.getCell('F2').value)).toMatch(/^price list "Distributor A 2026-11"/);
  const summary = wb.getWorksheet('Summary')!;
  const totalRow = summary.getColumn(1).values.findIndex((v) => v === 'Total including tax');
  expect(summary.getCell(`B${totalRow}`).result).toBeCloseTo(516_000 * 1.06, 6);
  const assumptions = wb.getWorksheet('Assumptions')!;
  const basis = assumptions.getColumn(1).values.findIndex((v) => v === 'Card prices');
  expect(String(assumptions.getCell(`B${basis}`).value)).toMatch(/^price list "Distributor A 2026-11" \(华为授权分销商A, imported \d{4}-\d\d-\d\d\)/);
});

test('Compare names a figure still unknown and takes it in place; the ranges sit beside each cost', async ({ page, harness }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const shell = new Shell(page);
  await shell.open(harness.url);
  // A card whose TDP nobody has published yet: the 910C's, cleared through the same contract the window uses.
  expect(await page.evaluate(() => (window as any).cardplan.cardOverride({ cardId: 'huawei-ascend-910c', patch: { tdpWatts: null } }))).toMatchObject({ ok: true });
  await new ProjectsPage(page).openExample();
  await page.getByLabel('Prices from').selectOption({ label: 'catalog price ranges' });
  const ws = new WorkspacePage(page);
  await ws.compare('Internal chat service');
  const compare = new ComparePage(page);
  const row = compare.cardRow('huawei-ascend-910c');
  const hole = row.getByRole('button', { name: 'no TDP → power, TCO ✎' });
  await expect(hole).toHaveAttribute('title', 'Power, TCO and cost per 1M tokens unknown: no TDP for Ascend 910C (huawei-ascend-910c) — enter it in the card catalog');
  await expect(row.getByTestId('tco')).toHaveText('unknown');
  await hole.click();
  const form = page.getByRole('form', { name: /no TDP for Ascend 910C/ });
  await form.getByLabel('TDP (W)').fill('800');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(row.getByTestId('tco')).toHaveText(/^CN¥[\d,]+\s*CN¥[\d,]+–CN¥[\d,]+$/);
  await expect(row.getByTestId('unknown')).toHaveText('');
  // H20 and 910B: capex, TCO and cost per 1M tokens, each with its low–high from the price ranges.
  for (const id of ['nvidia-h20-96gb', 'huawei-ascend-910b']) {
    for (const cell of ['capex', 'tco', 'per-million']) await expect(compare.cardRow(id).getByTestId(cell)).toHaveText(/^CN¥[\d,.]+\s*CN¥[\d,.]+–CN¥[\d,.]+$/);
  }
  await compare.cardRow('huawei-ascend-910b').scrollIntoViewIfNeeded();
  await shell.screenshot(testInfo.outputPath('compare-ranges.png'));
});
