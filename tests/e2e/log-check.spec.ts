/**
 * "Check against a real run": an engine's start-up log pasted on a workload, CardPlan's prediction
 * beside it term by term, the calibration applied and shown wherever the verdict is, then removed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers.ts';
import { expect, test } from './harness.ts';
import { ProjectsPage } from './pages/projects.ts';
import { Shell } from './pages/shell.ts';
import { WorkspacePage } from './pages/workspace.ts';

const LOG = fs.readFileSync(path.join(ROOT, 'tests/fixtures/engine-logs/vllm-llama31-8b-1.log'), 'utf8');

test('paste a vLLM log on a workload, see CardPlan beside it, calibrate the card, see it used, remove it', async ({ page, harness }, testInfo) => {
  test.slow();
  await page.setViewportSize({ width: 1280, height: 900 });
  const shell = new Shell(page);
  await shell.open(harness.url);
  // A router model served by vLLM on one RTX 4090 (the log comes from a 24 GB card).
  await page.evaluate(async () => {
    const api = (window as any).cardplan;
    const { value } = await api.projectCreate({ fields: { name: 'Router on a 24 GB card' } });
    await api.workloadAdd({ projectId: value.id, workload: { name: 'router', model: { builtin: 'llama-3.1-8b' }, workload: { engine: 'vllm', contextTokens: 8192, concurrency: 3 }, chosen: { card: 'nvidia-rtx-4090', tp: 1, pp: 1, replicas: 1 } } });
  });
  await page.reload();
  const projects = new ProjectsPage(page);
  await projects.open('Router on a 24 GB card');
  const ws = new WorkspacePage(page);
  await ws.details('router');

  const section = page.getByRole('region', { name: 'Check against a real run on GeForce RTX 4090 24GB' });
  await section.getByRole('textbox', { name: 'Start-up log' }).fill(LOG);
  await section.getByRole('button', { name: 'Check' }).click();
  await expect(section.getByTestId('log-summary')).toHaveText('vLLM V0 log: model not printed, TP 1 × PP 1, device memory 23.58 GiB');
  // The log's figures, each from its line; CardPlan's beside them.
  const before = section.getByTestId('log-before');
  await expect(before.locator('tr[data-term="kvTokens"] td').nth(1)).toHaveText('31,232'); // 1,952 blocks × 16
  await expect(before.locator('tr[data-term="weights"] td').nth(1)).toHaveText('14.99 GiB');
  await expect(before.locator('tr[data-term="weights"] td').nth(3)).toHaveText('1');
  // Once calibrated, the KV tokens for the log's setting are the log's within 1%.
  const afterDiff = await section.getByTestId('log-after').locator('tr[data-term="kvTokens"] td').nth(2).textContent();
  expect(Math.abs(Number(/\(([-+][\d.]+)%\)/.exec(afterDiff!)![1]))).toBeLessThan(1);
  await shell.screenshot(testInfo.outputPath('log-check.png'));

  await section.getByRole('button', { name: 'Calibrate this card on the log' }).click();
  await expect(section.getByTestId('calibrations')).toContainText('calibrated from your vLLM log of');
  // The verdict of this workload (8,192 tokens × 3 users, not the log's setting) now rests on it.
  await expect(page.getByTestId('calibrated')).toContainText('calibrated from your vLLM log of');
  await shell.chooseLanguage('简体中文');
  await expect(page.getByTestId('calibrated')).toContainText('vLLM 启动日志校准');
  await shell.screenshot(testInfo.outputPath('log-check-zh-CN.png'));
  await shell.chooseLanguage('English');
  await page.getByRole('button', { name: /Back/ }).click();
  await expect(ws.row('router').getByTestId('per-card')).toContainText('calibrated');

  // Removed: CardPlan's own memory model again.
  await ws.details('router');
  await section.getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByTestId('calibrated')).toHaveCount(0);
});
