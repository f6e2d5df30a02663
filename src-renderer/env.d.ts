import type { Api, CommandSource } from '../shared/contract.ts';

declare global {
  interface Window {
    /** Exposed by the preload in Electron, by the harness bridge in a browser: the only way to main. */
    readonly cardplan: Api;
    /** Commands from the native menu (Electron); never fires in a browser. */
    readonly cardplanCommands: CommandSource;
  }
}

export {};
