import type { Locator, Page } from '@playwright/test';

/** The card catalog: figures, unknowns shown as unknown, prices editable. */
export class CardsPage {
  constructor(readonly page: Page) {}

  price(cardId: string): Locator {
    return this.page.getByTestId(`price-${cardId}`);
  }

  /** A card's figure in the table by its column: memory, bandwidth, BF16, TDP. */
  figure(cardId: string, column: 'memory' | 'bandwidth' | 'bf16' | 'tdp'): Locator {
    return this.page.locator(`tr[data-card="${cardId}"] td.figure`).nth(['memory', 'bandwidth', 'bf16', 'tdp'].indexOf(column));
  }

  /** Opens a card's edit form. */
  async edit(cardId: string): Promise<Locator> {
    await this.page.getByRole('button', { name: new RegExp(`^(Edit|编辑) ${cardId}$`) }).click();
    return this.page.getByRole('form', { name: new RegExp(`${cardId}$`) });
  }

  async setPrice(cardId: string, amount: number, currency: 'CNY' | 'USD' | 'EUR', source: string): Promise<void> {
    const form = await this.edit(cardId);
    await form.getByLabel(/^(Amount|金额)\b/).fill(String(amount));
    await form.getByLabel(/Currency|币种/).selectOption(currency);
    await form.getByLabel(/^(Source|来源)\b/).fill(source);
    await form.getByRole('button', { name: /^(Save|保存)$/ }).click();
  }
}
