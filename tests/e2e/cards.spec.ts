/**
 * The card catalog: prices in the settings' currency at the settings' exchange rates, the price as
 * quoted on hover; memory edited in the same form as price, TDP, bandwidth and BF16.
 */
import { expect, test } from './harness.ts';
import { CardsPage } from './pages/cards.ts';
import { SettingsPage } from './pages/settings.ts';
import { Shell } from './pages/shell.ts';

test.describe.configure({ mode: 'serial' });

test('prices in the settings’ currency, with the price as quoted on hover, in English and Chinese', async ({ page, harness }, testInfo) => {
  const shell = new Shell(page);
  await shell.open(harness.url);
  // Other journeys in this worker edit the H20's price: start from the catalog's.
  await page.evaluate(() => (window as any).cardplan.cardReset({ cardId: 'nvidia-h20-96gb' }));
  await shell.nav(/Card catalog/).click();
  const cards = new CardsPage(page);
  // H20: US$12,000–15,000 (reported) at the default 7.1 CNY per USD.
  await expect(page.getByRole('columnheader', { name: 'Price (CNY)' })).toBeVisible();
  await expect(cards.price('nvidia-h20-96gb')).toHaveText(/^CN¥85,200–CN¥106,500 \(2024-02\.\.2025-04; reported\)$/);
  await expect(cards.price('nvidia-h20-96gb')).toHaveAttribute('title', 'As quoted: $12,000–$15,000; converted to CNY at the exchange rates in Settings (1 USD = 7.1 CNY)');
  // Ascend 910B: quoted in CNY, so nothing to convert.
  await expect(cards.price('huawei-ascend-910b')).toHaveText(/^CN¥70,000–CN¥120,000 /);
  await expect(cards.price('huawei-ascend-910b')).toHaveAttribute('title', 'As quoted: CN¥70,000–CN¥120,000');

  await shell.nav(/Settings/).click();
  const settings = new SettingsPage(page);
  await settings.currency.selectOption('USD');
  await expect(settings.status).toHaveText('Saved');
  await shell.nav(/Card catalog/).click();
  await expect(page.getByRole('columnheader', { name: 'Price (USD)' })).toBeVisible();
  // 70,000 ÷ 7.1 = 9,859.15 and 120,000 ÷ 7.1 = 16,901.41 US$.
  await expect(cards.price('huawei-ascend-910b')).toHaveText(/^\$9,859–\$16,901 /);
  await expect(cards.price('huawei-ascend-910b')).toHaveAttribute('title', 'As quoted: CN¥70,000–CN¥120,000; converted to USD at the exchange rates in Settings (1 USD = 7.1 CNY)');
  await expect(cards.price('nvidia-h20-96gb')).toHaveText(/^\$12,000–\$15,000 /);
  await shell.screenshot(testInfo.outputPath('cards-usd.png'));

  await shell.chooseLanguage('简体中文');
  await expect(page.getByRole('columnheader', { name: '价格（USD）' })).toBeVisible();
  await expect(cards.price('huawei-ascend-910b')).toHaveAttribute('title', '报价原文：¥70,000–¥120,000；按设置中的汇率（1 USD = 7.1 CNY）换算为 USD');
  await shell.chooseLanguage('English');

  // Back to CNY: the harness database is shared with the other specs.
  await shell.nav(/Settings/).click();
  await settings.currency.selectOption('CNY');
  await expect(settings.status).toHaveText('Saved');
});

test('memory is edited in the same form as the other figures, marked as entered by you, and reset', async ({ page, harness }, testInfo) => {
  const shell = new Shell(page);
  await shell.open(harness.url);
  await shell.nav(/Card catalog/).click();
  const cards = new CardsPage(page);
  const memory = cards.figure('huawei-ascend-910b', 'memory');
  await expect(memory).toHaveText(/^64\.00 GiBR$/); // reported

  const form = await cards.edit('huawei-ascend-910b');
  await expect(form.getByLabel('Memory (GiB)')).toHaveValue('64');
  await form.getByLabel('Memory (GiB)').fill('60');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(memory).toHaveText(/^60\.00 GiBU$/);
  await expect(memory.locator('sup')).toHaveAttribute('title', /^entered by you/);
  await shell.screenshot(testInfo.outputPath('cards-memory.png'));

  await shell.chooseLanguage('简体中文');
  const zh = await cards.edit('huawei-ascend-910b');
  await expect(zh.getByLabel('显存（GiB）')).toHaveValue('60');
  await zh.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('cards-edit-zh-CN.png') });
  await zh.getByRole('button', { name: '取消' }).click();
  await shell.chooseLanguage('English');

  await page.locator('tr[data-card="huawei-ascend-910b"]').getByRole('button', { name: 'Reset to built-in' }).click();
  await expect(memory).toHaveText(/^64\.00 GiBR$/);
});
