import type { Locator, Page } from '@playwright/test';

/** Compare: one row per card (its best option, expandable), filters, pins, charts, choosing an option. */
export class ComparePage {
  readonly table: Locator;
  readonly vendor: Locator;
  readonly nvidia: Locator;
  readonly domestic: Locator;
  readonly fitsOnly: Locator;
  readonly recommendation: Locator;
  readonly floor: Locator;
  readonly pinned: Locator;
  readonly capexChart: Locator;
  readonly latencyChart: Locator;
  readonly ttftTarget: Locator;
  readonly tpotTarget: Locator;
  readonly latencyOnly: Locator;
  readonly memoryChart: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole('table', { name: /^(Compare cards, one row per card|比较加速卡（每卡一行）)$/ });
    this.vendor = page.getByRole('combobox', { name: /^(Vendor|厂商)$/ });
    this.nvidia = page.getByRole('checkbox', { name: /^(NVIDIA|英伟达)$/ });
    this.domestic = page.getByRole('checkbox', { name: /^(Domestic|国产卡)$/ });
    this.fitsOnly = page.getByRole('checkbox', { name: /^(Fits only|仅可部署)$/ });
    this.recommendation = page.getByTestId('recommendation');
    this.floor = page.getByRole('spinbutton', { name: /Each user gets at least|每位用户至少/ });
    this.pinned = page.getByRole('table', { name: /^(Pinned cards side by side|固定的加速卡并排比较)$/ });
    this.capexChart = page.getByRole('img', { name: /^(Scatter chart: Capex \(|散点图：采购成本（)/ });
    this.latencyChart = page.getByRole('img', { name: /^(Scatter chart: capex against time per output token|散点图：采购成本与每输出 Token 时延)/ });
    this.ttftTarget = page.getByRole('spinbutton', { name: /First token within|首 Token 时延不超过/ });
    this.tpotTarget = page.getByRole('spinbutton', { name: /Per output token at most|每输出 Token 时延不超过/ });
    this.latencyOnly = page.getByRole('checkbox', { name: /^(Meets the speed floor and latency targets|满足速度下限和时延目标)$/ });
    this.memoryChart = page.getByRole('img', { name: /^(Bar chart of memory per card|每卡显存条形图)/ });
  }

  /** Rows of a card: its best option, and its other options once expanded. */
  rowsFor(cardName: RegExp): Locator {
    return this.table.getByRole('row').filter({ hasText: cardName });
  }

  /** The card's best-option row, by the catalog id it carries. */
  cardRow(cardId: string): Locator {
    return this.table.locator(`tr[data-card="${cardId}"]:not(.sub)`);
  }

  optionRows(cardId: string): Locator {
    return this.table.locator(`tr[data-card="${cardId}"]`);
  }

  async expand(cardId: string): Promise<void> {
    await this.cardRow(cardId).getByRole('button', { name: /more option|另有/ }).click();
  }

  async pin(cardName: string): Promise<void> {
    await this.page.getByRole('checkbox', { name: new RegExp(`^(Pin|固定) ${cardName.replace(/[()]/g, '\\$&')}`) }).check();
  }

  async setFloor(tokensPerSecond: number): Promise<void> {
    await this.floor.fill(String(tokensPerSecond));
    await this.floor.press('Tab');
  }

  async setTargets(ttftMs: number | null, tpotMs: number | null): Promise<void> {
    for (const [input, value] of [[this.ttftTarget, ttftMs], [this.tpotTarget, tpotMs]] as const) {
      await input.fill(value === null ? '' : String(value));
      await input.press('Tab');
    }
  }

  /** Opens a card's measured-speed form and saves what each user saw. */
  async enterMeasured(cardId: string, tokensPerSecondPerUser: number, users: number, tp: number): Promise<void> {
    await this.cardRow(cardId).getByRole('button', { name: /Use this measurement|使用此实测值|measured by you|您的实测/ }).click();
    const form = this.page.getByRole('form', { name: /A speed you measured on|您在/ });
    await form.getByRole('spinbutton', { name: /Tokens\/s each user saw|每位用户实际/ }).fill(String(tokensPerSecondPerUser));
    await form.getByRole('spinbutton', { name: /Users at once|同时用户数/ }).fill(String(users));
    await form.getByRole('spinbutton', { name: /^TP$/ }).fill(String(tp));
    await form.getByRole('button', { name: /^(Use this measurement|使用此实测值)$/ }).click();
  }

  async choose(cardId: string, tp: number, pp: number): Promise<void> {
    await this.page.getByRole('button', { name: new RegExp(`^(Choose|选择) ${cardId} ${tp}×${pp}$`) }).click();
  }
}
