import type { Locator, Page } from '@playwright/test';

/** A workload's detail: memory per card, the explanation, the rule of thumb beside the detailed method. */
export class WorkloadPage {
  readonly heading: Locator;
  readonly breakdown: Locator;
  readonly explain: Locator;
  readonly fit: Locator;
  readonly ruleTotal: Locator;
  readonly ruleSource: Locator;
  readonly detailedTotal: Locator;
  readonly params: Locator;
  readonly kvPerToken: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 2 });
    this.breakdown = page.getByRole('region', { name: /Memory per card|每卡显存/ });
    this.explain = page.getByRole('region', { name: /^(Explain|计算说明)$/ }).getByRole('table');
    this.fit = page.getByTestId('fit');
    this.ruleTotal = page.getByTestId('rule-total');
    this.ruleSource = page.getByTestId('rule-source');
    this.detailedTotal = page.getByTestId('detailed-total');
    this.params = page.getByTestId('params');
    this.kvPerToken = page.getByTestId('kv-per-token');
  }

  term(name: RegExp): Locator {
    return this.explain.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name }) });
  }
}
