/** Which screen the window shows. No URL routing: the Electron window has one page. */
export type Screen =
  | { name: 'projects' }
  | { name: 'workspace'; projectId: string }
  | { name: 'workload'; projectId: string; workloadId: string }
  | { name: 'compare'; projectId: string; workloadId: string }
  | { name: 'cards' }
  | { name: 'models' }
  | { name: 'settings' };

class Router {
  screen = $state<Screen>({ name: 'projects' });
  /** A menu command the projects screen carries out once it shows (focus the name, open the file picker). */
  pending = $state<'new-project' | 'import-project' | null>(null);
  /** A one-line message from a menu command that failed. */
  message = $state<string | null>(null);

  /** The project the current screen belongs to, if any. */
  get projectId(): string | null {
    const s = this.screen;
    return 'projectId' in s ? s.projectId : null;
  }

  go(screen: Screen): void {
    this.screen = screen;
  }
}

export const router = new Router();
