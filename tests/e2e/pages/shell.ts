import type { Locator, Page } from '@playwright/test';

/** The parts of the window present on every screen: title, navigation, language switch. */
export class Shell {
  readonly heading: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
  }

  nav(name: RegExp | string): Locator {
    return this.page.getByRole('navigation').getByRole('button', { name });
  }

  async chooseLanguage(label: '简体中文' | 'English'): Promise<void> {
    await this.page.getByRole('group', { name: /Language|语言/ }).getByRole('button', { name: label }).click();
  }

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path, fullPage: true });
  }
}
