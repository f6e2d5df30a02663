/** Bundles the main process, the preload and the harness bridge as electron.config.ts describes. */
import fs from 'node:fs';
import { build } from 'esbuild';
import { mainAssets, mainBuilds } from '../electron.config.ts';

await Promise.all(Object.values(mainBuilds).map((options) => build(options)));
for (const { from, to } of mainAssets) {
  fs.rmSync(to, { recursive: true, force: true });
  fs.cpSync(from, to, { recursive: true });
}
