/**
 * `npm run web [-- --port N] [--db PATH]`: the renderer in a browser, bound to the real services.
 * Prints the URL alone on the first line of stdout; the database is `--db`, else `CARDPLAN_DB`,
 * else the app's normal data directory.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openStore } from '../db/open.ts';
import { parseOptions } from '../cli/args.ts';
import { resolveDatabasePath } from '../paths.ts';
import { PROJECT_ROOT } from '../project-root.ts';
import { startHarness } from './server.ts';

function fail(message: string): never {
  console.error(`cardplan ${message}`);
  process.exit(2);
}

let values: { port?: string; db?: string };
try {
  values = parseOptions('web', process.argv.slice(2), { port: { type: 'string' }, db: { type: 'string' } }, '--port N (0-65535; 0, the default, picks a free port), --db PATH');
} catch (error) {
  fail((error as Error).message);
}
const port = Number(values.port ?? process.env.CARDPLAN_PORT ?? 0);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`web: --port must be an integer from 0 to 65535 (got ${values.port})`);

const rendererDir = path.join(PROJECT_ROOT, 'out', 'renderer');
const bridgeFile = path.join(PROJECT_ROOT, 'out', 'web', 'bridge.js');
for (const file of [path.join(rendererDir, 'index.html'), bridgeFile]) {
  if (!fs.existsSync(file)) fail(`web: ${path.relative(PROJECT_ROOT, file)} is missing; run \`npm run build\` first (\`npm run web\` does).`);
}

const databasePath = resolveDatabasePath(values.db);
let store;
try {
  store = openStore(databasePath);
} catch (error) {
  fail(`web: ${(error as Error).message}`);
}
const { db, notices } = store;
for (const notice of notices) console.error(`cardplan web: ${notice}`);
const harness = await startHarness({ ctx: { db, databasePath, runtime: 'node', notices }, rendererDir, bridgeFile, port }).catch(
  (error: Error) => fail(`web: cannot listen on 127.0.0.1:${port}: ${error.message}`),
);
console.log(harness.url);
console.error(`CardPlan harness on ${harness.url} (database ${databasePath}); Ctrl+C stops it.`);

const stop = async (): Promise<void> => {
  await harness.close();
  db.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
