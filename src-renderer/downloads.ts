/** Saving what main builds: a project file or a quote workbook, through the page's download (a native save dialog in Electron). */
import { call } from './api.ts';

function save(blob: Blob, fileName: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = fileName;
  a.click();
  URL.revokeObjectURL(a.href);
}

export async function downloadProjectFile(projectId: string): Promise<void> {
  const file = await call('projectExport', { id: projectId });
  save(new Blob([`${JSON.stringify(file, null, 2)}\n`], { type: 'application/json' }), `${file.project.name.replace(/[\\/:*?"<>|]+/g, '_')}.cardplan.json`);
}

export async function downloadQuote(projectId: string, language: 'zh-CN' | 'en'): Promise<void> {
  const quote = await call('quoteExport', { projectId, language });
  const bytes = Uint8Array.from(atob(quote.base64), (c) => c.charCodeAt(0));
  save(new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), quote.fileName);
}

/** The effective card catalog (the user's edits applied) as a workbook with every figure's source. */
export async function downloadCatalog(language: 'zh-CN' | 'en', projectId?: string): Promise<void> {
  const file = await call('catalogExport', { language, ...(projectId ? { projectId } : {}) });
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  save(new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), file.fileName);
}
