/**
 * Speed as a consultant uses it, on the example project (QwQ-32B, 10 chat users, 16,000 tokens,
 * vLLM): TTFT and TPOT with their band in Compare, latency targets and the SLA filter, the
 * latency-vs-cost chart, a speed measured by the user replacing the estimate, and where a decode
 * step's time goes in the workload detail. Screenshots in both languages are left in test-results/e2e/.
 */
import type { Locator } from '@playwright/test';
import { expect, test } from './harness.ts';
import { ComparePage } from './pages/compare.ts';
import { ProjectsPage } from './pages/projects.ts';
import { Shell } from './pages/shell.ts';
import { WorkspacePage } from './pages/workspace.ts';

test.describe.configure({ mode: 'serial' });

/** The first number of a latency cell: "1,090\n1,020–2,600 ms" → 1090. */
async function firstNumber(cell: Locator): Promise<number> {
  return Number(/[\d,.]+/.exec((await cell.textContent())!)![0].replace(/,/g, ''));
}

test('TTFT and TPOT with their band, latency targets with replicas, the SLA filter, the latency chart, a measured speed, and the decode-time bar', async ({ page, harness }, testInfo) => {
  // A long journey over every screen it touches, on a 2-core machine: three times the default time.
  test.slow();
  await page.setViewportSize({ width: 1280, height: 900 });
  const shell = new Shell(page);
  await shell.open(harness.url);
  await new ProjectsPage(page).openFreshExample();
  const ws = new WorkspacePage(page);
  await ws.compare('Internal chat service');
  const compare = new ComparePage(page);
  await expect(compare.table).toBeVisible();

  // Every row with a speed shows both latencies with a low–high band.
  await expect(compare.table.getByRole('columnheader', { name: 'First token (ms)' })).toBeVisible();
  await expect(compare.table.getByRole('columnheader', { name: 'Per output token (ms)' })).toBeVisible();
  const h20 = compare.cardRow('nvidia-h20-96gb');
  await expect(h20.getByTestId('ttft')).toHaveText(/^\s*[\d,]+\s*[\d,]+–[\d,]+ ms\s*$/);
  await expect(h20.getByTestId('tpot')).toHaveText(/^\s*[\d,.]+\s*[\d,.]+–[\d,.]+ ms/);

  // A request's lengths: by default a quarter of the context generated (at most 1,024), the rest
  // prompt; a chat with 2,000-token prompts and 500-token answers prefills far less.
  await expect(page.getByText('Estimated at 14,976 prompt tokens and 1,024 generated per request')).toBeVisible();
  const longPrompts = await firstNumber(h20.getByTestId('ttft'));
  await page.getByRole('spinbutton', { name: 'Prompt tokens per request' }).fill('2000');
  await page.getByRole('spinbutton', { name: 'Prompt tokens per request' }).press('Tab');
  await page.getByRole('spinbutton', { name: 'Generated tokens per request' }).fill('500');
  await page.getByRole('spinbutton', { name: 'Generated tokens per request' }).press('Tab');
  await expect(page.getByText('Estimated at 2,000 prompt tokens and 500 generated per request')).toBeVisible();
  expect(await firstNumber(h20.getByTestId('ttft'))).toBeLessThan(longPrompts / 4);
  for (const name of ['Prompt tokens per request', 'Generated tokens per request']) {
    await page.getByRole('spinbutton', { name }).fill('');
    await page.getByRole('spinbutton', { name }).press('Tab');
  }
  await expect(page.getByText('Estimated at 14,976 prompt tokens and 1,024 generated per request')).toBeVisible();

  // Targets: first token within 3 s, at most 40 ms per token; the recommendation meets both.
  await compare.setTargets(3000, 40);
  await expect(compare.recommendation).toContainText('a first token within 3,000 ms and at most 40 ms per output token');
  await expect(compare.recommendation).toContainText('missing the latency targets');
  const recommended = compare.table.locator('tr.recommended');
  expect(await firstNumber(recommended.getByTestId('ttft'))).toBeLessThanOrEqual(3000);
  expect(await firstNumber(recommended.getByTestId('tpot'))).toBeLessThanOrEqual(40);
  // Options that miss say by how much.
  await expect(compare.table.getByText(/^×[\d.]+ the target$/).first()).toBeVisible();

  // The SLA filter: every row left meets both targets.
  await compare.latencyOnly.check();
  const rows = compare.table.locator('tbody tr:not(.sub)');
  const shown = await rows.count();
  expect(shown).toBeGreaterThan(0);
  for (let i = 0; i < shown; i++) {
    expect(await firstNumber(rows.nth(i).getByTestId('ttft'))).toBeLessThanOrEqual(3000);
    expect(await firstNumber(rows.nth(i).getByTestId('tpot'))).toBeLessThanOrEqual(40);
  }
  await compare.latencyOnly.uncheck();

  // The latency chart: capex against TPOT, the target as a dashed line in the legend.
  await expect(compare.latencyChart).toHaveAccessibleName(/^Scatter chart: capex against time per output token, one point per card \(\d+ cards\); the dashed line is the target$/);
  await expect(page.getByRole('list', { name: 'Legend' }).nth(1)).toContainText('filled: meets the speed floor and latency targets');
  await expect(page.getByRole('list', { name: 'Legend' }).nth(1)).toContainText('dashed: the per-token target (40 ms)');
  await compare.latencyChart.scrollIntoViewIfNeeded();
  await shell.screenshot(testInfo.outputPath('compare-latency.png'));
  await compare.table.scrollIntoViewIfNeeded();
  await shell.screenshot(testInfo.outputPath('compare-latency-table.png'));

  // A speed measured on the Ascend 910B replaces CardPlan's assumption for that card and model.
  await compare.setTargets(null, null);
  const ascend = compare.cardRow('huawei-ascend-910b');
  await expect(ascend.getByTestId('tpot')).toContainText('assumed: no public measurements');
  await compare.enterMeasured('huawei-ascend-910b', 12, 10, 2);
  await expect(page.getByTestId('measured-now')).toContainText('Measured by you: 12.0 tokens/s per user with 10 user(s) at TP 2');
  await expect(ascend.getByTestId('tpot')).toContainText('measured by you');
  await shell.screenshot(testInfo.outputPath('compare-measured.png'));

  await shell.chooseLanguage('简体中文');
  await expect(compare.table.getByRole('columnheader', { name: '首 Token 时延（毫秒）' })).toBeVisible();
  await expect(ascend.getByTestId('tpot')).toContainText('您的实测');
  await compare.latencyChart.scrollIntoViewIfNeeded();
  await shell.screenshot(testInfo.outputPath('compare-latency-zh-CN.png'));
  await shell.chooseLanguage('English');

  // Remove it again: the estimate is back (the harness database is shared with the other specs).
  await page.getByRole('button', { name: 'Remove my measurement' }).click();
  await expect(ascend.getByTestId('tpot')).toContainText('assumed: no public measurements');

  // The workload detail: TTFT and TPOT of the chosen option, and where a decode step's time goes.
  await page.getByRole('button', { name: /Back/ }).click();
  await ws.details('Internal chat service');
  const speed = page.getByTestId('speed');
  await expect(speed.getByRole('heading', { level: 3 })).toContainText('Speed of H20 96GB · TP 2 × PP 1 × 1');
  await expect(page.getByTestId('detail-tpot')).toHaveText(/^[\d.,]+ ms \([\d.,]+–[\d.,]+ ms\)$/);
  const bar = page.getByTestId('decode-bar');
  await expect(bar).toHaveAccessibleName(/^Reading weights [\d.]+ ms; Reading the KV cache [\d.]+ ms; Communication \(all-reduce, pipeline\) [\d.]+ ms; Engine overhead \(small kernels, scheduling\) [\d.]+ ms; Other users’ prompts [\d.]+ ms$/);
  await speed.getByText('Assumptions of this estimate').click();
  await expect(speed.getByRole('listitem').filter({ hasText: /^kernels: / })).toHaveCount(1);
  await speed.scrollIntoViewIfNeeded();
  await shell.screenshot(testInfo.outputPath('workload-speed.png'));
  await shell.chooseLanguage('简体中文');
  await expect(bar).toHaveAccessibleName(/^读取权重 [\d.]+ ms；?/);
  await shell.screenshot(testInfo.outputPath('workload-speed-zh-CN.png'));
  await shell.chooseLanguage('English');
});
