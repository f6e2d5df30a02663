/**
 * The native menu, in the user's language: File (new project, import, export project, export
 * quote, recent, quit), Edit, View (zoom, language), Help (about, open data folder, report a
 * problem). A pure template: main.ts turns it into Electron's Menu; tests read it directly.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { AppCommand } from '../shared/contract.ts';

export type MenuLanguage = 'zh-CN' | 'en';

export interface MenuActions {
  command(command: AppCommand): void;
  about(): void;
  openDataFolder(): void;
  reportProblem(): void;
  setLanguage(language: MenuLanguage): void;
  quit(): void;
}

const LABELS = {
  en: {
    file: 'File',
    newProject: 'New project',
    example: 'Open the example project',
    import: 'Import project file…',
    exportProject: 'Export project file…',
    exportQuote: 'Export quote (Excel)…',
    recent: 'Recent projects',
    none: 'None yet',
    quit: 'Quit',
    edit: 'Edit',
    view: 'View',
    language: 'Language',
    help: 'Help',
    about: 'About CardPlan',
    dataFolder: 'Open data folder',
    report: 'Report a problem (copy diagnostics)',
  },
  'zh-CN': {
    file: '文件',
    newProject: '新建项目',
    example: '打开示例项目',
    import: '导入项目文件…',
    exportProject: '导出项目文件…',
    exportQuote: '导出报价单（Excel）…',
    recent: '最近的项目',
    none: '暂无',
    quit: '退出',
    edit: '编辑',
    view: '视图',
    language: '语言',
    help: '帮助',
    about: '关于 CardPlan',
    dataFolder: '打开数据文件夹',
    report: '报告问题（复制诊断信息）',
  },
} as const;

export function menuTemplate(language: MenuLanguage, recent: { id: string; name: string }[], actions: MenuActions, platform: NodeJS.Platform = process.platform): MenuItemConstructorOptions[] {
  const l = LABELS[language];
  return [
    {
      label: l.file,
      submenu: [
        { label: l.newProject, accelerator: 'CmdOrCtrl+N', click: () => actions.command({ kind: 'new-project' }) },
        { label: l.example, click: () => actions.command({ kind: 'example-project' }) },
        { label: l.import, accelerator: 'CmdOrCtrl+O', click: () => actions.command({ kind: 'import-project' }) },
        { type: 'separator' },
        { label: l.exportProject, accelerator: 'CmdOrCtrl+S', click: () => actions.command({ kind: 'export-project' }) },
        { label: l.exportQuote, accelerator: 'CmdOrCtrl+E', click: () => actions.command({ kind: 'export-quote' }) },
        { type: 'separator' },
        {
          label: l.recent,
          submenu: recent.length
            ? recent.slice(0, 10).map((p) => ({ label: p.name, click: () => actions.command({ kind: 'open-project', projectId: p.id }) }))
            : [{ label: l.none, enabled: false }],
        },
        { type: 'separator' },
        { label: l.quit, accelerator: platform === 'darwin' ? 'Cmd+Q' : 'Ctrl+Q', click: () => actions.quit() },
      ],
    },
    { label: l.edit, submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }] },
    {
      label: l.view,
      submenu: [
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { role: 'resetZoom' },
        { type: 'separator' },
        {
          label: l.language,
          submenu: [
            { label: '简体中文', type: 'radio', checked: language === 'zh-CN', click: () => actions.setLanguage('zh-CN') },
            { label: 'English', type: 'radio', checked: language === 'en', click: () => actions.setLanguage('en') },
          ],
        },
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: l.help,
      submenu: [
        { label: l.about, click: () => actions.about() },
        { label: l.dataFolder, click: () => actions.openDataFolder() },
        { label: l.report, click: () => actions.reportProblem() },
      ],
    },
  ];
}

/** The diagnostics "Report a problem" copies: versions, where the data is, the last log lines. */
export function diagnostics(info: { app: string; versions: Record<string, string | undefined>; platform: string; arch: string; databasePath: string; schemaVersion: number; logFile: string; logTail: string[] }): string {
  return [
    `${info.app}`,
    `electron ${info.versions.electron ?? '-'}, chrome ${info.versions.chrome ?? '-'}, node ${info.versions.node ?? '-'}`,
    `${info.platform} ${info.arch}`,
    `database ${info.databasePath} (schema ${info.schemaVersion})`,
    `log ${info.logFile}`,
    '--- last log lines ---',
    ...info.logTail,
  ].join('\n');
}
