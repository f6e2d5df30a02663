/**
 * What consultants do all day, through the browser harness against the real services: create a
 * project, add QwQ-32B at 16k context and 10 users, read its breakdown and explanation, compare H20
 * with Ascend 910B, import a config.json, export and re-import the project, edit a card price and
 * see the costs change. Each main screen leaves a screenshot in test-results/e2e/.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { BUILTIN_MODELS } from '../../shared/model/catalog.ts';
import { expect, test } from './harness.ts';
import { CardsPage } from './pages/cards.ts';
import { ComparePage } from './pages/compare.ts';
import { ProjectsPage } from './pages/projects.ts';
import { Shell } from './pages/shell.ts';
import { WorkloadPage } from './pages/workload.ts';
import { WorkspacePage } from './pages/workspace.ts';

const Workbook = ((ExcelJS as unknown as { default?: typeof ExcelJS }).default ?? ExcelJS).Workbook;

test.describe.configure({ mode: 'serial' });

test('create a project, size QwQ-32B at 16k × 10 users, explain it, compare H20 with Ascend 910B', async ({ page, harness }, testInfo) => {
  const shell = new Shell(page);
  await shell.open(harness.url);
  const projects = new ProjectsPage(page);
  await expect(projects.heading).toBeVisible();
  await shell.screenshot(testInfo.outputPath('projects.png'));
  await projects.create('Bank RAG', 'Example Bank');

  const ws = new WorkspacePage(page);
  await expect(page.getByRole('heading', { name: 'Bank RAG' })).toBeVisible();
  await ws.addFromCatalog('qwq', /^Qwen\/QwQ-32B ·/);
  const row = ws.row('QwQ-32B');
  await expect(row).toBeVisible();
  await ws.setContext('QwQ-32B', 16_000);
  await ws.setConcurrency('QwQ-32B', 10);
  await expect(page.getByRole('spinbutton', { name: 'Concurrency QwQ-32B' })).toHaveValue('10');
  await shell.screenshot(testInfo.outputPath('workspace.png'));

  await ws.compare('QwQ-32B');
  const compare = new ComparePage(page);
  await expect(compare.table).toBeVisible();
  await expect(compare.cardRow('nvidia-h20-96gb')).toBeVisible();
  await expect(compare.cardRow('huawei-ascend-910b')).toBeVisible();
  await compare.nvidia.uncheck();
  await expect(compare.cardRow('nvidia-h20-96gb')).toHaveCount(0);
  await expect(compare.cardRow('huawei-ascend-910b')).toBeVisible();
  await compare.nvidia.check();
  await shell.screenshot(testInfo.outputPath('compare.png'));
  // vLLM, 16,000 tokens × 10 users on H20s: TP 2 holds it (2 cards).
  await compare.choose('nvidia-h20-96gb', 2, 1);
  await expect(compare.cardRow('nvidia-h20-96gb')).toContainText('chosen');

  await page.getByRole('button', { name: /Back/ }).click();
  await ws.details('QwQ-32B');
  const detail = new WorkloadPage(page);
  await expect(detail.heading).toHaveText('Memory of “QwQ-32B”');
  // B is billions of parameters, bytes are spelled out: never "B" for both.
  await expect(detail.params).toHaveText('32.76 B parameters');
  // 64 layers × 2 × 8 KV heads × 128 × 2 bytes.
  await expect(detail.kvPerToken).toHaveText('262,144 bytes');
  // KV cache, whole deployment: 64 layers × 2 × 8 KV heads × 128 × 2 B × 16,000 tokens × 10 users
  // = 41,943,040,000 B.
  await expect(detail.term(/KV cache/)).toContainText('41.94 GB (39.06 GiB)');
  await expect(detail.term(/Weights/)).toContainText('65.53 GB (61.03 GiB)'); // 32,763,876,352 × 2 B
  // The core's inputs under readable names, each with its unit (vLLM 0.19's fitted profile-run base).
  await expect(detail.term(/Activations/)).toContainText('base: 195,421,012 bytes (0.18 GiB)');
  await expect(detail.term(/KV cache/)).toContainText('KV heads: 8');
  await expect(detail.term(/KV cache/)).toContainText('per KV element: 2 bytes');
  await expect(detail.term(/KV cache/)).toContainText('context: 16,000 tokens');
  await expect(detail.term(/Safety buffer/)).toContainText('safety buffer: 20%');
  await expect(detail.explain).not.toContainText(/baseBytes|kvHeads|contextTokens/);
  await expect(detail.ruleSource).toContainText('Source: the article CardPlan started from');
  await expect(detail.breakdown).toContainText('H20 96GB · TP 2 × PP 1');
  await expect(detail.fit).toHaveText('✓ fits');
  // The article's rule of thumb, beside it, counts all 40 heads as KV heads.
  // 64 × 2 × 40 × 128 × 2 B × 16,000 × 10 = 209,715,200,000 B against 41,943,040,000 B.
  await expect(page.getByTestId('rule-note')).toHaveText(
    'It counts every attention head as a KV head: KV cache 209.72 GB (195.31 GiB), where the model’s KV heads (GQA/MLA) and windows give 41.94 GB (39.06 GiB).',
  );
  await shell.screenshot(testInfo.outputPath('workload.png'));

  await shell.chooseLanguage('简体中文');
  await expect(detail.heading).toHaveText('“QwQ-32B”的显存');
  await expect(detail.params).toHaveText('32.76 B 参数（327.6 亿）');
  await expect(detail.kvPerToken).toHaveText('262,144 字节');
  await expect(detail.term(/KV 缓存/)).toContainText('层数 × 2 × KV 头数 × 头维度 × 字节 × 上下文 × 并发数');
  await expect(detail.term(/激活值/)).toContainText('基数：195,421,012 字节（0.18 GiB）');
  await expect(detail.term(/KV 缓存/)).toContainText('上下文：16,000 个 Token');
  await expect(detail.term(/安全冗余/)).toContainText('安全冗余：20%');
  await expect(detail.ruleSource).toContainText('来源：CardPlan 所依据的原始文章');
  await shell.screenshot(testInfo.outputPath('workload-zh-CN.png'));
  await shell.chooseLanguage('English');
  await expect(detail.heading).toHaveText('Memory of “QwQ-32B”');
});

test('import a config.json, export the project and import it again', async ({ page, harness }, testInfo) => {
  const shell = new Shell(page);
  await shell.open(harness.url);
  const projects = new ProjectsPage(page);
  await projects.create('Config import');
  const ws = new WorkspacePage(page);
  await expect(page.getByRole('heading', { name: 'Config import' })).toBeVisible();
  const config = BUILTIN_MODELS.find((m) => m.id === 'qwen2.5-7b-instruct')!.config;
  await ws.importConfig.setInputFiles({ name: 'config.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(config)) });
  // This copy of the config has no _name_or_path, and the file is plain config.json: the
  // workload is named after the architecture.
  await expect(ws.row('Qwen2ForCausalLM')).toBeVisible();

  const exported = await ws.export();
  const file = JSON.parse(fs.readFileSync(exported, 'utf8'));
  expect(file).toMatchObject({ format: 'cardplan.project', version: 1, project: { name: 'Config import' } });
  expect(file.models[0].body.num_hidden_layers).toBe(28); // the imported config.json travels verbatim

  await shell.nav(/Projects/).click();
  await projects.importFile.setInputFiles({ name: 'config-import.cardplan.json', mimeType: 'application/json', buffer: fs.readFileSync(exported) });
  await expect(page.getByRole('heading', { name: 'Config import' })).toBeVisible();
  await expect(ws.row('Qwen2ForCausalLM')).toBeVisible();
  await shell.nav(/Projects/).click();
  await expect(projects.row('Config import')).toHaveCount(2);
  await shell.screenshot(testInfo.outputPath('projects-after-import.png'));
});

test('edit a card price and see the costs change', async ({ page, harness }, testInfo) => {
  const shell = new Shell(page);
  await shell.open(harness.url);
  const projects = new ProjectsPage(page);
  await projects.open('Bank RAG');
  const ws = new WorkspacePage(page);
  const capex = ws.row('QwQ-32B').getByRole('cell').nth(9);
  // 2 × H20 at the middle of the catalog's US$12,000–15,000 + one baseboard server (US$32,010), at 7.1 CNY/USD.
  // The range beside it: the low and high ends of the H20's.
  await expect(capex).toHaveText(/^CN¥418,971\s+CN¥397,671–CN¥440,271\s*$/);

  await shell.nav(/Card catalog/).click();
  const cards = new CardsPage(page);
  await cards.setPrice('nvidia-h20-96gb', 100_000, 'CNY', 'supplier quote 2026-11');
  await expect(cards.price('nvidia-h20-96gb')).toContainText('supplier quote 2026-11');
  await shell.screenshot(testInfo.outputPath('cards.png'));

  await shell.nav(/Projects/).click();
  await projects.open('Bank RAG');
  // 2 × 100,000 CNY + 32,010 × 7.1 = 427,271 CNY.
  await expect(capex).toHaveText('CN¥427,271');

  // The quote workbook carries the same total.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export quote (Excel)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^Example_Bank-Bank_RAG-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const wb = new Workbook();
  await wb.xlsx.readFile((await file.path())!);
  expect(wb.worksheets.map((ws) => ws.name)).toEqual(['Summary', 'Bill of materials', 'Workloads', 'Comparison', 'TCO', 'Assumptions', 'Cards']);
  const summary = wb.getWorksheet('Summary')!;
  const row = summary.getColumn(1).values.findIndex((v) => v === 'Capex before tax');
  expect(summary.getCell(`B${row}`).result).toBeCloseTo(427_271, 6);
});

test('plan the example project as one bill of materials and use it', async ({ page, harness }, testInfo) => {
  const shell = new Shell(page);
  await shell.open(harness.url);
  await new ProjectsPage(page).openExample();
  const ws = new WorkspacePage(page);
  await expect(ws.row('Internal chat service')).toBeVisible();
  await page.getByRole('button', { name: 'Plan the whole project' }).click();
  const bom = page.getByRole('table', { name: 'Bill of materials for the project' });
  await expect(bom).toBeVisible();
  const total = await page.getByTestId('bom-capex').textContent();
  expect(total).toMatch(/^CN¥[\d,]+$/);
  await shell.screenshot(testInfo.outputPath('project-plan.png'));
  await page.getByRole('button', { name: 'Use these configurations' }).click();
  // Both workloads now carry a configuration on the card type of the bill's line(s).
  const firstCard = (await bom.getByRole('row').nth(1).getByRole('cell').first().textContent())!;
  expect(firstCard.length).toBeGreaterThan(0);
  await expect(ws.row('Internal chat service').getByRole('cell').nth(7)).not.toHaveText('not chosen');
  await expect(ws.row('Knowledge-base embeddings').getByRole('cell').nth(7)).not.toHaveText('not chosen');
});

test('the model catalog, and the language kept across a restart', async ({ page, harness }, testInfo) => {
  const shell = new Shell(page);
  await shell.open(harness.url);
  await shell.nav(/^Models$/).click();
  const builtin = page.getByRole('table', { name: 'Built-in models' });
  await page.getByRole('searchbox', { name: 'Search the model catalog' }).fill('deepseek-v3');
  // DeepSeek-V3: 671,026,419,200 parameters counted from its config, 37.55 B active per token.
  await expect(builtin.getByRole('row').filter({ hasText: 'deepseek-v3' })).toContainText('671.03 B parameters');
  await expect(builtin.getByRole('row').filter({ hasText: 'deepseek-v3' })).toContainText('37.55 B parameters');
  await shell.screenshot(testInfo.outputPath('models.png'));
  await page.getByRole('searchbox', { name: 'Search the model catalog' }).fill('');
  // Sorted by name regardless of case: deepseek-ai/… before Qwen/…, as a reader looks for it.
  const ids = await builtin.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-model')));
  expect(ids.indexOf('deepseek-v3')).toBeLessThan(ids.indexOf('qwq-32b'));
  expect(ids.indexOf('gemma-2-9b')).toBeLessThan(ids.indexOf('qwq-32b'));
  expect(ids.slice(0, 2)).toEqual(['yi-34b-chat-4bits', 'bge-base-zh-v1.5']);
  // Max context with its unit.
  await expect(builtin.locator('tr[data-model="qwq-32b"]')).toContainText('131,072 tokens');
  await shell.chooseLanguage('简体中文');
  await expect(page.getByRole('table', { name: '内置模型' }).locator('tr[data-model="qwq-32b"]')).toContainText('131,072 个 Token');
  await shell.screenshot(testInfo.outputPath('models-zh-CN.png'));
  await page.reload();
  await expect(shell.heading).toHaveText('CardPlan 算力规划'); // the choice is a stored setting
  await shell.chooseLanguage('English');
  await page.reload();
  await expect(shell.heading).toHaveText('CardPlan');
});
