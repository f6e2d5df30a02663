import type { Locator, Page } from '@playwright/test';

/** Compare: every configuration of a workload, filterable, with one to choose. */
export class ComparePage {
  readonly table: Locator;
  readonly origin: Locator;
  readonly vendor: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole('table', { name: /Compare cards|比较加速卡/ });
    this.origin = page.getByRole('combobox', { name: /^(Origin|来源)$/ });
    this.vendor = page.getByRole('combobox', { name: /^(Vendor|厂商)$/ });
  }

  rowsFor(cardName: RegExp): Locator {
    return this.table.getByRole('row').filter({ hasText: cardName });
  }

  async choose(cardId: string, tp: number, pp: number): Promise<void> {
    await this.page.getByRole('button', { name: new RegExp(`^(Choose|选择) ${cardId} ${tp}×${pp}$`) }).click();
  }
}
