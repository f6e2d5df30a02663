/** Carries out the native menu's commands (Electron); the browser harness never sends any. */
import type { AppCommand } from '../../shared/contract.ts';
import { messageOf } from '../api.ts';
import { downloadProjectFile, downloadQuote } from '../downloads.ts';
import { i18n } from '../i18n/i18n.svelte.ts';
import { exampleProjectId } from './example.ts';
import { router } from './router.svelte.ts';

export async function runCommand(command: AppCommand): Promise<void> {
  router.message = null;
  try {
    switch (command.kind) {
      case 'new-project':
      case 'import-project':
        router.go({ name: 'projects' });
        router.pending = command.kind;
        return;
      case 'example-project': {
        router.go({ name: 'workspace', projectId: await exampleProjectId() });
        return;
      }
      case 'open-project':
        router.go({ name: 'workspace', projectId: command.projectId });
        return;
      case 'language':
        i18n.locale = command.language;
        return;
      case 'export-project':
      case 'export-quote': {
        const id = router.projectId;
        if (!id) {
          router.message = i18n.t('command.openProjectFirst');
          return;
        }
        await (command.kind === 'export-project' ? downloadProjectFile(id) : downloadQuote(id, i18n.locale));
        return;
      }
    }
  } catch (error) {
    router.message = messageOf(error);
  }
}
