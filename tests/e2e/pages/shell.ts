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

  /**
   * How many lines each matched element's text takes: 2 for 选 over 择 or 可部 over 署. Lines are
   * the distinct heights of its text's boxes, more than half a line apart (an icon sits a pixel or
   * two off the words' line).
   */
  async lineCounts(elements: Locator): Promise<{ text: string; lines: number }[]> {
    return elements.evaluateAll((els) =>
      els.map((el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        const tops = [...range.getClientRects()].filter((r) => r.width > 0).map((r) => r.top).sort((a, b) => a - b);
        const half = parseFloat(getComputedStyle(el).fontSize) / 2;
        return { text: el.textContent!.trim(), lines: tops.filter((top, i) => i === 0 || top - tops[i - 1]! > half).length };
      }),
    );
  }

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path, fullPage: true });
  }
}
