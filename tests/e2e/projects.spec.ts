/**
 * The projects screen: one way to the example project, which opens the example already there
 * rather than a second copy; long names read whole; name and client apart, in both languages.
 */
import { EXAMPLE_PROJECT_NAME } from '../../shared/example-project.ts';
import { expect, test } from './harness.ts';
import { ProjectsPage } from './pages/projects.ts';
import { Shell } from './pages/shell.ts';

test.describe.configure({ mode: 'serial' });

test('the example project: one button, opened again rather than copied, a new one only once it is deleted', async ({ page, harness }, testInfo) => {
  const shell = new Shell(page);
  await shell.open(harness.url);
  // A first start: no projects (earlier tests in this worker made some; delete them through the contract).
  await page.evaluate(async () => {
    const api = (window as any).cardplan;
    for (const p of (await api.projectList()).value) await api.projectDelete({ id: p.id });
  });
  await page.reload();
  const projects = new ProjectsPage(page);
  await expect(page.getByText(/^No projects yet\./)).toBeVisible();
  await expect(projects.exampleButton).toHaveCount(1);
  await shell.screenshot(testInfo.outputPath('projects-empty.png'));

  const example = EXAMPLE_PROJECT_NAME.en;
  await projects.openExample();
  await expect(page.getByRole('heading', { name: example })).toBeVisible();
  await shell.nav(/Projects/).click();
  await projects.openExample();
  await expect(page.getByRole('heading', { name: example })).toBeVisible();
  await shell.nav(/Projects/).click();
  await expect(projects.row(example)).toHaveCount(1);
  // Name and client with a space on each side of the dot.
  await expect(projects.row(example).locator('div').first()).toHaveText(/^Example: QwQ-32B internal chat service · Example client\s*2 workload\(s\)/);

  // Deleted, the example is made again.
  await projects.row(example).getByRole('button', { name: 'Delete' }).click();
  await projects.row(example).getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('status')).toContainText(`Deleted “${example}”.`);
  await expect(projects.row(example)).toHaveCount(0);
  await projects.openExample();
  await expect(page.getByRole('heading', { name: example })).toBeVisible();
  await shell.nav(/Projects/).click();
  await expect(projects.row(example)).toHaveCount(1);

  await shell.chooseLanguage('简体中文');
  await expect(projects.exampleButton).toHaveCount(1);
  await projects.openExample();
  await expect(page.getByRole('heading', { name: EXAMPLE_PROJECT_NAME['zh-CN'] })).toBeVisible();
  await shell.nav('项目').click();
  await projects.openExample();
  await shell.nav('项目').click();
  await expect(projects.row(EXAMPLE_PROJECT_NAME['zh-CN'])).toHaveCount(1);
  await expect(projects.row(EXAMPLE_PROJECT_NAME['zh-CN']).locator('div').first()).toHaveText(/^示例：QwQ-32B 内部聊天服务 · 示例客户/);
  await shell.screenshot(testInfo.outputPath('projects-zh-CN.png'));
  await shell.chooseLanguage('English');
});

test('a long project name reads whole, in the new-project form and in the workspace', async ({ page, harness }, testInfo) => {
  const shell = new Shell(page);
  await shell.open(harness.url);
  const projects = new ProjectsPage(page);
  const name = 'Provincial e-government cloud, phase 2: private LLM platform';
  await projects.name.fill(name);
  const fits = (field: typeof projects.name) => field.evaluate((el: HTMLInputElement) => el.scrollWidth <= el.clientWidth);
  expect(await fits(projects.name)).toBe(true);
  await expect(projects.name).toHaveAttribute('title', name);
  await projects.client.fill('Example Bureau');
  await page.getByRole('button', { name: 'Create' }).click();

  await expect(page.getByRole('heading', { name })).toBeVisible();
  const field = page.getByRole('textbox', { name: 'Project name' });
  await expect(field).toHaveValue(name);
  await expect(field).toHaveAttribute('title', name);
  expect(await fits(field)).toBe(true);
  await shell.screenshot(testInfo.outputPath('workspace-long-name.png'));
  await shell.nav(/Projects/).click();
  await expect(projects.row(name).locator('div').first()).toHaveText(new RegExp(`^${name} · Example Bureau`));
});
