/**
 * Settings as people read and type them: the electricity price without floating-point noise, the
 * safety buffer as a percentage (stored as a fraction), and "Saved" after each change.
 */
import { DEFAULT_SETTINGS } from '../../shared/settings.ts';
import { expect, test } from './harness.ts';
import { SettingsPage } from './pages/settings.ts';
import { Shell } from './pages/shell.ts';

const stored = (page: import('@playwright/test').Page) => page.evaluate(async () => (await (window as any).cardplan.settingsGet()).value);

test('the electricity price reads 0.6248, the safety buffer is typed in percent, and each change says Saved', async ({ page, harness }, testInfo) => {
  const shell = new Shell(page);
  await shell.open(harness.url);
  await shell.nav(/Settings/).click();
  const settings = new SettingsPage(page);
  // US$0.088/kWh at 7.1 CNY per USD = 0.6247999999999999 in floating point.
  await expect(settings.electricity).toHaveValue('0.6248');
  await expect(settings.buffer).toHaveAccessibleName('Safety buffer (%)');
  await expect(settings.buffer).toHaveValue('20');
  await expect(settings.status).toHaveText('');

  await settings.set(settings.buffer, '25');
  await expect(settings.status).toHaveText('Saved');
  expect((await stored(page)).safetyBufferFraction).toBe(0.25);
  await shell.screenshot(testInfo.outputPath('settings-saved.png'));
  await page.reload();
  await shell.nav(/Settings/).click();
  await expect(settings.buffer).toHaveValue('25');

  // Out of range: refused with the range in words, nothing stored.
  await settings.set(settings.buffer, '150');
  await expect(page.getByRole('alert')).toHaveText('The safety buffer is a percentage from 0 to 100.');
  await expect(settings.status).toHaveText('');
  expect((await stored(page)).safetyBufferFraction).toBe(0.25);

  await settings.set(settings.electricity, '0.7');
  await expect(settings.status).toHaveText('Saved');
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect((await stored(page)).electricityCnyPerKwh).toBe(0.7);

  await shell.chooseLanguage('简体中文');
  await expect(settings.buffer).toHaveAccessibleName('安全冗余（%）');
  await settings.set(settings.buffer, '20');
  await expect(settings.status).toHaveText('已保存');
  expect((await stored(page)).safetyBufferFraction).toBe(0.2);
  await shell.screenshot(testInfo.outputPath('settings-saved-zh-CN.png'));
  await shell.chooseLanguage('English');

  // Back to the defaults: the harness database is shared with the other specs.
  await page.evaluate((value) => (window as any).cardplan.settingsSet({ electricityCnyPerKwh: value }), DEFAULT_SETTINGS.electricityCnyPerKwh);
});

test('the quote settings: VAT and discount in percent, your company, terms and validity, networking per server; a VAT over 100% is refused', async ({ page, harness }) => {
  const shell = new Shell(page);
  await shell.open(harness.url);
  await shell.nav(/Settings/).click();
  const settings = new SettingsPage(page);
  const vat = page.getByRole('spinbutton', { name: 'VAT (%)' });
  // China's standard VAT on goods by default.
  await expect(vat).toHaveValue('13');
  await settings.set(page.getByRole('spinbutton', { name: 'Discount on the subtotal (%)' }), '5');
  await expect(settings.status).toHaveText('Saved');
  await settings.set(page.getByRole('textbox', { name: 'Your company' }), 'Acme AI Consulting Ltd');
  await settings.set(page.getByRole('textbox', { name: 'Payment terms' }), '30% on order, 70% on delivery');
  await settings.set(page.getByRole('spinbutton', { name: 'Quotes valid for (days)' }), '45');
  await settings.set(page.getByRole('spinbutton', { name: 'Networking, rack and installation per server (CNY)' }), '50000');
  await expect(settings.status).toHaveText('Saved');
  await settings.set(vat, '113');
  await expect(page.getByRole('alert')).toHaveText('Enter a percentage from 0 to 100.');
  const s = await stored(page);
  expect([s.taxRate, s.discountFraction, s.supplierName, s.paymentTerms, s.quoteValidityDays, s.serverExtraCny]).toEqual([0.13, 0.05, 'Acme AI Consulting Ltd', '30% on order, 70% on delivery', 45, 50_000]);
  // Back to the defaults: the harness database is shared with the other specs.
  await page.evaluate(() => (window as any).cardplan.settingsSet({ discountFraction: 0, supplierName: '', paymentTerms: '', quoteValidityDays: 30, serverExtraCny: 0 }));
});
