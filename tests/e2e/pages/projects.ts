import type { Locator, Page } from '@playwright/test';
import { EXAMPLE_PROJECT_NAME } from '../../../shared/example-project.ts';

/** The projects screen: list, search, new, example, import, duplicate, delete and undo. */
export class ProjectsPage {
  readonly heading: Locator;
  readonly name: Locator;
  readonly client: Locator;
  readonly importFile: Locator;
  readonly exampleButton: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: /^(Projects|项目)$/ });
    this.name = page.getByRole('textbox', { name: /^(Project name|项目名称)$/ });
    this.client = page.getByRole('form').getByRole('textbox', { name: /^(Client|客户)$/ });
    this.importFile = page.getByLabel(/Import project file|导入项目文件/);
    this.exampleButton = page.getByRole('button', { name: /Open the example project|打开示例项目/ });
  }

  async create(name: string, client = ''): Promise<void> {
    await this.name.fill(name);
    await this.client.fill(client);
    await this.page.getByRole('button', { name: /^(Create|创建)$/ }).click();
  }

  async openExample(): Promise<void> {
    await this.exampleButton.first().click();
  }

  /**
   * The example as a first start shows it: copies that earlier tests in this worker changed (the
   * button opens the existing one) are deleted first, through the contract the window uses.
   */
  async openFreshExample(): Promise<void> {
    await this.page.evaluate(async (names) => {
      const api = (window as any).cardplan;
      for (const p of (await api.projectList()).value) if (names.includes(p.name)) await api.projectDelete({ id: p.id });
    }, Object.values(EXAMPLE_PROJECT_NAME) as string[]);
    await this.openExample();
  }

  row(name: string): Locator {
    return this.page.getByRole('listitem').filter({ hasText: name });
  }

  /** Opens the project of that name; with several, the most recently changed (the list's default order). */
  async open(name: string): Promise<void> {
    await this.row(name).first().getByRole('button', { name: /^(Open|打开)/ }).click();
  }
}
