import type { Locator, Page } from '@playwright/test';

/** The projects screen: list, search, new, example, import, duplicate, delete and undo. */
export class ProjectsPage {
  readonly heading: Locator;
  readonly name: Locator;
  readonly client: Locator;
  readonly importFile: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: /^(Projects|项目)$/ });
    this.name = page.getByRole('textbox', { name: /^(Project name|项目名称)$/ });
    this.client = page.getByRole('form').getByRole('textbox', { name: /^(Client|客户)$/ });
    this.importFile = page.getByLabel(/Import project file|导入项目文件/);
  }

  async create(name: string, client = ''): Promise<void> {
    await this.name.fill(name);
    await this.client.fill(client);
    await this.page.getByRole('button', { name: /^(Create|创建)$/ }).click();
  }

  async openExample(): Promise<void> {
    await this.page.getByRole('button', { name: /Open the example project|打开示例项目/ }).first().click();
  }

  row(name: string): Locator {
    return this.page.getByRole('listitem').filter({ hasText: name });
  }

  /** Opens the project of that name; with several, the most recently changed (the list's default order). */
  async open(name: string): Promise<void> {
    await this.row(name).first().getByRole('button', { name: /^(Open|打开)/ }).click();
  }
}
