import type { Locator, Page } from '@playwright/test';

/** Settings: currency, exchange rates, electricity, PUE, years, safety buffer, default engine; each change saved at once. */
export class SettingsPage {
  readonly currency: Locator;
  readonly electricity: Locator;
  readonly buffer: Locator;
  readonly status: Locator;

  constructor(readonly page: Page) {
    this.currency = page.getByRole('combobox', { name: /^(Currency|币种)$/ });
    this.electricity = page.getByRole('spinbutton', { name: /^(Electricity|电价)/ });
    this.buffer = page.getByRole('spinbutton', { name: /^(Safety buffer|安全冗余)/ });
    this.status = page.getByRole('status');
  }

  /** Types a value and leaves the field, as a person does: the change is saved then. */
  async set(field: Locator, value: string): Promise<void> {
    await field.fill(value);
    await field.press('Tab');
  }
}
