import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppCommand } from '../../shared/contract.ts';
import { createLogger, MAX_LOG_BYTES } from '../../src-main/log.ts';
import { diagnostics, menuTemplate, type MenuActions } from '../../src-main/menu.ts';
import { restoreBounds } from '../../src-main/window-state.ts';
import { tempDir } from '../helpers.ts';

function actions() {
  const calls: (AppCommand | string)[] = [];
  const a: MenuActions = {
    command: (c) => calls.push(c),
    about: () => calls.push('about'),
    openDataFolder: () => calls.push('data folder'),
    reportProblem: () => calls.push('report'),
    setLanguage: (l) => calls.push(`language ${l}`),
    quit: () => calls.push('quit'),
  };
  return { a, calls };
}

type Item = { label?: string; click?: () => void; submenu?: Item[]; role?: string; accelerator?: string };
const find = (items: Item[], label: string): Item => items.find((i) => i.label === label)!;

describe('native menu', () => {
  it('speaks the user’s language and sends each File item as a command', () => {
    const { a, calls } = actions();
    const zh = menuTemplate('zh-CN', [{ id: 'p1', name: '银行 RAG' }], a, 'linux') as Item[];
    expect(zh.map((m) => m.label)).toEqual(['文件', '编辑', '视图', '帮助']);
    const file = zh[0]!.submenu!;
    find(file, '新建项目').click!();
    find(file, '导入项目文件…').click!();
    find(file, '导出项目文件…').click!();
    find(file, '导出报价单（Excel）…').click!();
    find(find(file, '最近的项目').submenu!, '银行 RAG').click!();
    find(zh[3]!.submenu!, '报告问题（复制诊断信息）').click!();
    find(find(zh[2]!.submenu!, '语言').submenu!, 'English').click!();
    expect(calls).toEqual([{ kind: 'new-project' }, { kind: 'import-project' }, { kind: 'export-project' }, { kind: 'export-quote' }, { kind: 'open-project', projectId: 'p1' }, 'report', 'language en']);
    expect(find(file, '退出').accelerator).toBe('Ctrl+Q');
  });

  it('has zoom in View, standard editing roles, and an empty recent list that says so', () => {
    const en = menuTemplate('en', [], actions().a, 'darwin') as Item[];
    expect(en[2]!.submenu!.filter((i) => i.role).map((i) => i.role)).toEqual(['zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen']);
    expect(en[1]!.submenu!.filter((i) => i.role).map((i) => i.role)).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
    expect(find(en[0]!.submenu!, 'Recent projects').submenu).toEqual([{ label: 'None yet', enabled: false }]);
    expect(find(en[0]!.submenu!, 'Quit').accelerator).toBe('Cmd+Q');
  });

  it('copies versions, data location and the last log lines as diagnostics', () => {
    const text = diagnostics({ app: 'CardPlan 0.1.0', versions: { electron: '45.5.0', chrome: '142', node: '22.20.0' }, platform: 'win32', arch: 'x64', databasePath: 'C:\\data\\cardplan.db', schemaVersion: 2, logFile: 'C:\\data\\logs\\main.log', logTail: ['line 1', 'line 2'] });
    expect(text.split('\n')).toEqual(['CardPlan 0.1.0', 'electron 45.5.0, chrome 142, node 22.20.0', 'win32 x64', 'database C:\\data\\cardplan.db (schema 2)', 'log C:\\data\\logs\\main.log', '--- last log lines ---', 'line 1', 'line 2']);
  });
});

describe('window position', () => {
  const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];

  it('restores a saved place that a display still shows', () => {
    expect(restoreBounds({ x: 100, y: 80, width: 1400, height: 900, maximized: true }, screen)).toEqual({ x: 100, y: 80, width: 1400, height: 900, maximized: true });
  });

  it('forgets a place on a display that is gone, and anything malformed; keeps the minimum size', () => {
    expect(restoreBounds({ x: 2500, y: 100, width: 1280, height: 800 }, screen)).toBeUndefined();
    expect(restoreBounds({ x: 'a' }, screen)).toBeUndefined();
    expect(restoreBounds(null, screen)).toBeUndefined();
    expect(restoreBounds({ x: 10, y: 10, width: 200, height: 100 }, screen)).toMatchObject({ width: 960, height: 600 });
  });
});

describe('main log', () => {
  it('writes errors with stacks to the data folder and rotates past 1 MB', () => {
    const file = path.join(tempDir(), 'logs', 'main.log');
    const log = createLogger(file, () => Date.UTC(2026, 10, 29));
    log.error('project:create failed', new Error('disk on fire'));
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toMatch(/^2026-11-29T00:00:00\.000Z ERROR project:create failed: Error: disk on fire\n\s+at /);
    fs.appendFileSync(file, 'x'.repeat(MAX_LOG_BYTES));
    log.info('after rotation');
    expect(fs.existsSync(`${file}.1`)).toBe(true);
    expect(log.tail(5)).toEqual(['2026-11-29T00:00:00.000Z INFO after rotation']);
  });
});
