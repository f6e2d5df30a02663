import { HomePage } from './pages/home.ts';
import { expect, test } from './harness.ts';
import { METHODS } from '../../shared/contract.ts';
import { PACKAGE } from '../helpers.ts';

test('the window shows what main reports through the contract: version and the built-in catalog', async ({ page, harness }, testInfo) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });

  const home = new HomePage(page);
  await home.open(harness.url);
  await expect(home.heading).toHaveText('CardPlan');
  // 53 cards: the reference catalog's own count (23 NVIDIA + 30 domestic), read by main from its copy.
  await expect(home.cardCount).toHaveText('53');
  await expect(home.nvidiaCount).toHaveText('23');
  await expect(home.domesticCount).toHaveText('30');
  await expect(home.version).toHaveText(PACKAGE.version);
  // The database the server process opened is the one CARDPLAN_DB named.
  await expect(home.databasePath).toHaveText(harness.databasePath);
  await page.screenshot({ path: testInfo.outputPath('home-en.png'), fullPage: true });

  await home.chooseLanguage('简体中文');
  await expect(home.heading).toHaveText('CardPlan 算力规划');
  await expect(home.catalog.getByText('国产卡')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.screenshot({ path: testInfo.outputPath('home-zh-CN.png'), fullPage: true });

  await home.chooseLanguage('English');
  await expect(home.about.getByText('Schema version')).toBeVisible();
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
  expect(reply).toMatchObject({ ok: true, value: { version: PACKAGE.version, catalog: { cardCount: 53 } } });
  // The harness refuses a call that lacks the token only the page received.
  const status = await page.evaluate(async () => (await fetch('/api/invoke', { method: 'POST', body: '{"channel":"app:info"}' })).status);
  expect(status).toBe(403);
});
