import { METHODS } from '../../shared/contract.ts';
import { PACKAGE } from '../helpers.ts';
import { expect, test } from './harness.ts';
import { Shell } from './pages/shell.ts';

test('the window shows what main reports through the contract: the built-in catalog, version and database', async ({ page, harness }, testInfo) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });

  const shell = new Shell(page);
  await shell.open(harness.url);
  await expect(shell.heading).toHaveText('CardPlan');
  // 57 cards (25 NVIDIA + 32 domestic), read by main from the built-in catalog.
  await expect(page.getByTestId('card-count')).toHaveText('57');
  await expect(page.getByTestId('nvidia-count')).toHaveText('25');
  await expect(page.getByTestId('domestic-count')).toHaveText('32');

  await shell.nav(/Settings/).click();
  await expect(page.getByTestId('app-version')).toHaveText(PACKAGE.version);
  // The database the server process opened is the one CARDPLAN_DB named.
  await expect(page.getByTestId('database-path')).toHaveText(harness.databasePath);
  await shell.screenshot(testInfo.outputPath('settings-en.png'));

  await shell.chooseLanguage('简体中文');
  await expect(shell.heading).toHaveText('CardPlan 算力规划');
  await expect(shell.nav('设置')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await shell.screenshot(testInfo.outputPath('settings-zh-CN.png'));

  await shell.chooseLanguage('English');
  await expect(shell.nav('Settings')).toBeVisible();
  await expect(page.getByText('Schema version')).toBeVisible();
  expect(errors).toEqual([]); // no CSP violation, no failed call
});

test('the page reaches main only through window.cardplan, whose methods are exactly the contract', async ({ page, harness }) => {
  await page.goto(harness.url);
  const methods = await page.evaluate(() => Object.keys(window.cardplan).sort());
  expect(methods).toEqual([...METHODS].sort());
  expect(methods).toContain('projectCreate');
  const frozen = await page.evaluate(() => Object.isFrozen(window.cardplan));
  expect(frozen).toBe(true);
  const reply = await page.evaluate(() => window.cardplan.appInfo());
  expect(reply).toMatchObject({ ok: true, value: { version: PACKAGE.version, catalog: { cardCount: 57 } } });
  // The harness refuses a call that lacks the token only the page received.
  const status = await page.evaluate(async () => (await fetch('/api/invoke', { method: 'POST', body: '{"channel":"app:info"}' })).status);
  expect(status).toBe(403);
});
