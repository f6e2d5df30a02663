import pkg from '../package.json' with { type: 'json' };

/** The app's name and version, from package.json (inlined into the Electron bundle at build time). */
export const APP_NAME: string = pkg.productName;
export const APP_VERSION: string = pkg.version;
