/**
 * Recalculates a workbook with LibreOffice (headless) and returns the path of the recalculated
 * copy. LibreOffice keeps cached formula results unless told otherwise, so it runs with its own
 * profile whose settings force a recalculation on load (OOXMLRecalcMode = 0, "always").
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { tempDir } from './helpers.ts';

const XCU = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

export const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((f) => fs.existsSync(f));

/** Recalculates `file` and writes it as `format` (xlsx, or pdf to see how it prints). */
export function recalculate(file: string, format: 'xlsx' | 'pdf' = 'xlsx'): string {
  if (!SOFFICE) throw new Error('LibreOffice is not installed (apt-get install libreoffice-calc-nogui)');
  const work = tempDir('cardplan-lo-');
  const profile = path.join(work, 'profile');
  fs.mkdirSync(path.join(profile, 'user'), { recursive: true });
  fs.writeFileSync(path.join(profile, 'user', 'registrymodifications.xcu'), XCU);
  const out = path.join(work, 'out');
  execFileSync(SOFFICE, ['--headless', '--norestore', `-env:UserInstallation=${pathToFileURL(profile).href}`, '--convert-to', format, '--outdir', out, file], { stdio: 'pipe', timeout: 120_000 });
  return path.join(out, path.basename(file).replace(/\.xlsx$/, `.${format}`));
}
