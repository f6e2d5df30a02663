/**
 * Verdicts a buyer can trust and a comparison procurement can read, on the example project
 * (QwQ-32B for 10 chat users at 16,000 tokens on vLLM, and bge-m3 for embeddings), through the
 * browser harness against the real services. Screenshots of Compare in both languages are left in
 * test-results/e2e/.
 */
import { expect, test } from './harness.ts';
import { ComparePage } from './pages/compare.ts';
import { ProjectsPage } from './pages/projects.ts';
import { Shell } from './pages/shell.ts';
import { WorkloadPage } from './pages/workload.ts';
import { WorkspacePage } from './pages/workspace.ts';

test.describe.configure({ mode: 'serial' });

/** "52.1 per user" → 52.1 */
const perUser = (text: string): number => Number(/([\d.,]+) per user/.exec(text)![1]!.replace(/,/g, ''));

test('Compare: one row per card, the speed floor, pins, the chart in both languages, and a verdict per kind with its figure', async ({ page, harness }, testInfo) => {
  // A long journey over every screen it touches, on a 2-core machine: three times the default time.
  test.slow();
  await page.setViewportSize({ width: 1280, height: 900 });
  const shell = new Shell(page);
  await shell.open(harness.url);
  await new ProjectsPage(page).openFreshExample();
  const ws = new WorkspacePage(page);
  // Card names, not ids; the chosen split is the faster one at the same capex (TP 2, not PP 2).
  await expect(ws.row('Internal chat service')).toContainText('H20 96GB · 2 × 1 × 1');
  await expect(ws.row('Internal chat service').getByTestId('per-card')).toContainText('✓ fits');

  await ws.compare('Internal chat service');
  const compare = new ComparePage(page);
  await expect(compare.table).toBeVisible();
  // One row per card, not one per option.
  const cards = await compare.table.locator('tbody tr:not(.sub)').count();
  const ids = await compare.table.locator('tbody tr:not(.sub)').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-card')));
  expect(new Set(ids).size).toBe(cards);

  // The default floor (10 tokens/s for each user) decides the recommendation.
  await expect(compare.floor).toHaveValue('10');
  await expect(compare.recommendation).toContainText('give at least 10 tokens/s for each user');
  const recommended = compare.table.locator('tr.recommended');
  expect(perUser((await recommended.textContent())!)).toBeGreaterThanOrEqual(10);
  const withFloor = await compare.recommendation.textContent();
  await compare.setFloor(0);
  await expect(compare.recommendation).not.toHaveText(withFloor!);
  await expect(compare.recommendation).not.toContainText('tokens/s for each user');
  // Without a floor the cheapest option that fits wins, and it is slower than 10 tokens/s per user.
  expect(perUser((await recommended.textContent())!)).toBeLessThan(10);

  // The Ascend 910B at TP 2 (2 cards, all 10 users on one replica, as without a floor): vLLM's
  // pool holds 162,160 tokens, the 160,000 requested fit but not with the 20% headroom: tight, never "fits".
  await compare.expand('huawei-ascend-910b');
  const tp2 = compare.optionRows('huawei-ascend-910b').filter({ hasText: /(^|\D)2\s*=\s*2 × 1 × 1\b/ });
  await expect(tp2).toHaveCount(1);
  await expect(tp2.locator('.verdict')).toContainText('tight (inside the safety margin)');
  await expect(tp2.locator('.verdict')).toContainText('pool 162,160 / 160,000 tokens');
  await compare.choose('huawei-ascend-910b', 2, 1);

  // With the floor, 10 users on one TP 2 replica would be too slow: the 910B's TP 2 option spreads them over replicas.
  await compare.setFloor(10);
  await expect(compare.recommendation).toHaveText(withFloor!);
  await expect(compare.optionRows('huawei-ascend-910b').filter({ hasText: /= 2 × 1 × [2-9]\b/ })).toHaveCount(1);

  // NVIDIA and domestic side by side.
  await compare.pin('H20 96GB');
  await compare.pin('Ascend 910B 64GB');
  await expect(compare.pinned.getByRole('columnheader')).toHaveText([/^$/, /H20 96GB/, /Ascend 910B/]);
  // Both priced (the catalog's, or a price edited in the card catalog), side by side.
  // Each cost with the low–high its price range gives.
  await expect(compare.pinned.getByRole('row', { name: /^Capex/ })).toHaveText(/^Capex(CN¥[\d,]+ \(CN¥[\d,]+–CN¥[\d,]+\)){2}$/);
  // The 910B has a reported price range and TDP now: TCO and cost per 1M tokens on both sides, nothing unknown.
  await expect(compare.pinned.getByRole('row', { name: /^TCO/ })).toHaveText(/^TCO per year(CN¥[\d,]+ \(CN¥[\d,]+–CN¥[\d,]+\)){2}$/);
  await expect(compare.pinned.getByRole('row', { name: /^Per 1M tokens/ })).toHaveText(/^Per 1M tokens(CN¥[\d,.]+ \(CN¥[\d,.]+–CN¥[\d,.]+\)){2}$/);
  await expect(compare.pinned.getByRole('row', { name: /Unknown, and what it blocks/ })).toHaveText('Unknown, and what it blocks——');

  // The chart: axes with units, a legend, Pareto in words.
  await expect(compare.capexChart).toHaveAccessibleName(/^Scatter chart: Capex \(CNY\) against Output tokens\/s \(estimate\), one point per card \(\d+ cards\)$/);
  await expect(page.getByRole('list', { name: 'Legend' }).first()).toHaveText(/NVIDIA\s*Domestic\s*filled: Pareto-optimal \(no other option is both cheaper and faster\)\s*★\s*recommended\s*Aa\s*labelled: pinned cards/);
  await expect(compare.memoryChart).toBeVisible();
  await compare.capexChart.scrollIntoViewIfNeeded();
  await shell.screenshot(testInfo.outputPath('compare.png'));

  await shell.chooseLanguage('简体中文');
  await expect(compare.capexChart).toHaveAccessibleName(/^散点图：采购成本（CNY） 与 输出吞吐量（Token\/s，估算），每张卡一个点（共 \d+ 张卡）$/);
  await expect(page.getByRole('list', { name: '图例' }).first()).toContainText('实心：帕累托最优（没有其他方案既更便宜又更快）');
  await expect(compare.recommendation).toContainText('推荐：');
  await shell.screenshot(testInfo.outputPath('compare-zh-CN.png'));
  await shell.chooseLanguage('English');

  // The tight option chosen above: the workspace shows the same verdict and figure; one more user and it does not fit.
  await page.getByRole('button', { name: /Back/ }).click();
  const fit = ws.row('Internal chat service').getByTestId('per-card');
  await expect(fit).toContainText('! tight (inside the safety margin)');
  await expect(fit).toContainText('pool 162,160 / 160,000 tokens');
  await ws.setConcurrency('Internal chat service', 11);
  await expect(fit).toContainText('✕ does not fit');
  await expect(fit).toContainText('pool 162,160 / 176,000 tokens');

  // The detail says it in a sentence, with whole users and vLLM's own figure beside them.
  await ws.setConcurrency('Internal chat service', 10);
  await ws.details('Internal chat service');
  const detail = new WorkloadPage(page);
  await expect(page.getByTestId('verdict')).toHaveText(
    'tight (inside the safety margin): vLLM allocates 0.90 × 60.70 GiB = 54.63 GiB per card; its KV pool (19.79 GiB) holds 162,160 tokens: the 160,000 requested (10 × 16,000) fit, but not with the 20% headroom (192,000)',
  );
  await expect(page.getByTestId('max-concurrency')).toHaveText(/^8\s*\(vLLM itself prints 10\.14x: pool ÷ context, without the safety headroom\)$/);
  await expect(page.getByTestId('max-context')).toHaveText('13,504 tokens');
  await expect(detail.fit).toContainText('tight');
  await shell.screenshot(testInfo.outputPath('workload-tight.png'));
});

test('bge-m3 is sized as an encoder: no KV cache, at most 8,192 tokens', async ({ page, harness }, testInfo) => {
  const shell = new Shell(page);
  await shell.open(harness.url);
  await new ProjectsPage(page).open('Example: QwQ-32B internal chat service');
  const ws = new WorkspacePage(page);
  const row = ws.row('Knowledge-base embeddings');
  await expect(row.getByRole('combobox', { name: 'Kind Knowledge-base embeddings' })).toHaveValue('embedding');
  await expect(row.getByRole('option', { name: 'chat' })).toBeDisabled();
  await ws.setContext('Knowledge-base embeddings', 9000);
  await expect(page.getByRole('alert')).toContainText("contextTokens 9000 is above the model's limit of 8192 (max_position_embeddings)");
  await ws.setContext('Knowledge-base embeddings', 8192);

  await ws.details('Knowledge-base embeddings');
  const detail = new WorkloadPage(page);
  await expect(page.getByTestId('kind')).toHaveText('embedding');
  // 32 sequences × 8,192 tokens × (2 × 1,024 + 2 × 4,096) × 2 B = 5.37 GB of activations; no KV cache.
  await expect(detail.term(/KV cache/)).toContainText('0.00 GB (0.00 GiB)');
  await expect(detail.term(/KV cache/)).toContainText('none: an encoder keeps no KV cache');
  await expect(detail.term(/Activations/)).toContainText('5.37 GB (5.00 GiB)');
  await expect(page.getByTestId('max-context')).toHaveText('8,192 tokens (the model’s own limit)');
  await expect(page.getByText(/^Max batch \(sequences\) that fits at this context$/)).toBeVisible();
  await shell.screenshot(testInfo.outputPath('workload-embedding.png'));
});
