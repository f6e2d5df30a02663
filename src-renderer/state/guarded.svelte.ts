import { messageOf } from '../api.ts';

/** Screen state whose actions show their failure as one readable line instead of throwing. */
export class Guarded {
  error = $state<string | null>(null);

  async run<T>(action: () => Promise<T>): Promise<T | undefined> {
    this.error = null;
    try {
      return await action();
    } catch (error) {
      this.error = messageOf(error);
      return undefined;
    }
  }
}
