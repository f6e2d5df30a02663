/** `npm run dist`: packages the app for this platform with electron-builder (needs internet). */
import { build } from 'electron-builder';
import { builderConfig } from '../electron.config.ts';
import { electronVersion, ensureElectronNative } from './electron-native.ts';

try {
  const nativeBinary = ensureElectronNative(electronVersion());
  const files = await build({ config: builderConfig(nativeBinary) });
  console.log(files.join('\n'));
} catch (error) {
  console.error(`cardplan: packaging failed: ${(error as Error).message}`);
  process.exit(1);
}
