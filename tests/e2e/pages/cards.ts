import type { Locator, Page } from '@playwright/test';

/** The card catalog: figures, unknowns shown as unknown, prices editable. */
export class CardsPage {
  constructor(readonly page: Page) {}

  price(cardId: string): Locator {
    return this.page.getByTestId(`price-${cardId}`);
  }

  async setPrice(cardId: string, amount: number, currency: 'CNY' | 'USD' | 'EUR', source: string): Promise<void> {
    await this.page.getByRole('button', { name: new RegExp(`^(Edit|编辑) ${cardId}$`) }).click();
    const form = this.page.getByRole('form', { name: new RegExp(`${cardId}$`) });
    await form.getByLabel(/^(Amount|金额)\b/).fill(String(amount));
    await form.getByLabel(/Currency|币种/).selectOption(currency);
    await form.getByLabel(/^(Source|来源)\b/).fill(source);
    await form.getByRole('button', { name: /^(Save|保存)$/ }).click();
  }
}
