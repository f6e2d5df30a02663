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

  go(screen: Screen): void {
    this.screen = screen;
  }
}

export const router = new Router();
