import type { Locator, Page } from '@playwright/test';

/** A project's workspace: the workloads table, adding from the catalog or a config.json, export. */
export class WorkspacePage {
  readonly table: Locator;
  readonly search: Locator;
  readonly model: Locator;
  readonly importConfig: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole('table', { name: /Workloads|工作负载/ });
    this.search = page.getByRole('searchbox', { name: /Search the model catalog|搜索模型目录/ });
    this.model = page.getByRole('combobox', { name: /^(Model|模型)$/ });
    this.importConfig = page.getByLabel(/Import config\.json|导入 config\.json/);
  }

  async addFromCatalog(search: string, optionLabel: RegExp): Promise<void> {
    await this.search.fill(search);
    await this.model.selectOption({ label: (await this.model.locator('option').filter({ hasText: optionLabel }).first().textContent())!.trim() });
    await this.page.getByRole('button', { name: /^(Add workload|添加工作负载)$/ }).click();
  }

  row(name: string): Locator {
    return this.table.getByRole('row').filter({ hasText: name });
  }

  async setContext(name: string, tokens: number): Promise<void> {
    const input = this.page.getByRole('spinbutton', { name: new RegExp(`^(Context \\(tokens\\)|上下文长度（Token）) ${name}$`) });
    await input.fill(String(tokens));
    await input.press('Tab');
  }

  async setConcurrency(name: string, users: number): Promise<void> {
    const input = this.page.getByRole('spinbutton', { name: new RegExp(`^(Concurrency|并发数) ${name}$`) });
    await input.fill(String(users));
    await input.press('Tab');
  }

  async details(name: string): Promise<void> {
    await this.page.getByRole('button', { name: new RegExp(`^(Details|详情) ${name}$`) }).click();
  }

  async compare(name: string): Promise<void> {
    await this.page.getByRole('button', { name: new RegExp(`^(Compare cards|比较加速卡) ${name}$`) }).click();
  }

  async export(): Promise<string> {
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: /Export project file|导出项目文件/ }).click();
    const file = await download;
    const path = await file.path();
    return path!;
  }
}
