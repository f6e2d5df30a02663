import type { Locator, Page } from '@playwright/test';

/** The opening screen: title, language switch, the built-in catalog and installation facts. */
export class HomePage {
  readonly heading: Locator;
  readonly catalog: Locator;
  readonly about: Locator;
  readonly cardCount: Locator;
  readonly nvidiaCount: Locator;
  readonly domesticCount: Locator;
  readonly version: Locator;
  readonly databasePath: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.catalog = page.getByRole('region', { name: /Built-in card catalog|内置加速卡目录/ });
    this.about = page.getByRole('region', { name: /About this installation|关于本安装/ });
    this.cardCount = page.getByTestId('card-count');
    this.nvidiaCount = page.getByTestId('nvidia-count');
    this.domesticCount = page.getByTestId('domestic-count');
    this.version = page.getByTestId('app-version');
    this.databasePath = page.getByTestId('database-path');
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
  }

  async chooseLanguage(label: '简体中文' | 'English'): Promise<void> {
    await this.page.getByRole('button', { name: label }).click();
  }
}
