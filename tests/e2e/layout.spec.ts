/**
 * The window's own controls in both languages: file pickers are the app's buttons (the browser's
 * "Choose File / No file chosen" is English whatever the window's language), and buttons and
 * badges keep their words on one line (选择, 可部署, 简体中文), on the screens where tables squeeze them.
 */
import { expect, test } from './harness.ts';
import { ComparePage } from './pages/compare.ts';
import { ProjectsPage } from './pages/projects.ts';
import { Shell } from './pages/shell.ts';
import { WorkspacePage } from './pages/workspace.ts';

test.describe.configure({ mode: 'serial' });

test('file pickers are the app’s own buttons, and buttons and badges stay on one line, in Chinese and English', async ({ page, harness }, testInfo) => {
  // The narrowest the window goes (src-main/window.ts: minWidth 960), where tables squeeze hardest.
  await page.setViewportSize({ width: 960, height: 700 });
  const shell = new Shell(page);
  await shell.open(harness.url);
  // Buttons, badges and file buttons on one line (a column heading's sort link may wrap between words).
  const oneLine = async (what: string, also = '') => {
    const counts = await shell.lineCounts(page.locator(`button:not(.link):visible, .badge:visible, label.file-button:visible${also}`));
    expect(counts.length, what).toBeGreaterThan(0);
    expect(counts.filter((c) => c.lines !== 1), what).toEqual([]);
  };
  const projects = new ProjectsPage(page);
  await oneLine('projects, English'); // the header's 简体中文 and Card catalog included

  await shell.chooseLanguage('简体中文');
  // The label is the button; the input itself is out of sight but still the control it names.
  await expect(page.locator('label.file-button', { has: projects.importFile })).toHaveText('导入项目文件');
  expect((await projects.importFile.boundingBox())!.width).toBeLessThanOrEqual(1);
  await oneLine('projects, Chinese');
  await shell.screenshot(testInfo.outputPath('projects-file-button-zh-CN.png'));

  await projects.openFreshExample();
  const ws = new WorkspacePage(page);
  await expect(ws.row('内部聊天服务').getByTestId('per-card')).toContainText('可部署');
  await expect(page.locator('label.file-button', { has: ws.importConfig })).toHaveText('导入 config.json');
  expect((await ws.importConfig.boundingBox())!.width).toBeLessThanOrEqual(1);
  await oneLine('workspace, Chinese');
  await shell.screenshot(testInfo.outputPath('workspace-zh-CN.png'));

  await ws.compare('内部聊天服务');
  const compare = new ComparePage(page);
  await expect(compare.table).toBeVisible();
  await expect(compare.table.getByRole('button', { name: /^选择 / }).first()).toBeVisible();
  await compare.table.scrollIntoViewIfNeeded();
  await shell.screenshot(testInfo.outputPath('compare-table-zh-CN.png'));
  await oneLine('compare, Chinese');

  await shell.nav('加速卡目录').click();
  await expect(page.getByRole('button', { name: '编辑 huawei-ascend-910b', exact: true })).toBeVisible();
  // 国产卡 and 英伟达 too, not one character a line beside an open edit form.
  await page.getByRole('button', { name: '编辑 huawei-ascend-910b', exact: true }).click();
  await oneLine('card catalog, Chinese', ', table.cards td.origin');
  await page.getByRole('button', { name: '取消' }).click();
  await shell.chooseLanguage('English');
});
