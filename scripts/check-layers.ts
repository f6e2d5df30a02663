/**
 * The layer check (part of `npm test`): every import in shared/, src-main/ and src-renderer/
 * must respect the layers of the design (see README, "Layout"):
 *   shared/         imports only shared/: no node:*, electron, DOM or third-party packages
 *   src-main/       shared/, src-main/, Node, electron and packages; never src-renderer/
 *   src-main/web/page/  (runs in the page) shared/ and itself only
 *   src-renderer/   shared/, itself and UI packages; never electron, Node or src-main/
 * `import type` is free across layers (it leaves no code behind); each layer's tsconfig already
 * hides the types a layer may not use. Imports, re-exports, dynamic import() and require() count.
 */
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export interface Violation {
  file: string;
  line: number;
  specifier: string;
  message: string;
}

interface ImportSite {
  specifier: string;
  line: number;
  typeOnly: boolean;
}

const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
const MAIN_ONLY_PACKAGES = ['electron', 'better-sqlite3', 'exceljs'];

function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || NODE_BUILTINS.has(specifier.split('/')[0] ?? '');
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** Every module specifier a source file names, with its line and whether it is type-only. */
export function importSites(fileName: string, text: string): ImportSite[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const sites: ImportSite[] = [];
  const add = (node: ts.Node, literal: ts.Expression | undefined, typeOnly: boolean): void => {
    if (literal && ts.isStringLiteralLike(literal)) {
      sites.push({ specifier: literal.text, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, typeOnly });
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const allTypes =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined &&
            clause.namedBindings !== undefined &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((element) => element.isTypeOnly)));
      add(node, node.moduleSpecifier, allTypes);
    } else if (ts.isExportDeclaration(node)) {
      add(node, node.moduleSpecifier, node.isTypeOnly);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isCallExpression(node)) {
      const isDynamicImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if (isDynamicImport || isRequire) add(node, node.arguments[0], false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return sites;
}

/** The code of a .svelte file's <script> blocks, with line numbers kept. */
function svelteScript(text: string): string {
  const lines = text.split('\n');
  let inside = false;
  return lines
    .map((line) => {
      if (/<script\b[^>]*>/.test(line)) {
        inside = !/<\/script>/.test(line);
        return line.replace(/^.*<script\b[^>]*>/, '').replace(/<\/script>.*$/, '');
      }
      if (/<\/script>/.test(line)) {
        inside = false;
        return line.replace(/<\/script>.*$/, '');
      }
      return inside ? line : '';
    })
    .join('\n');
}

type Layer = 'shared' | 'main' | 'page' | 'renderer';

function layerOf(relative: string): Layer | undefined {
  if (relative.startsWith('shared/')) return 'shared';
  if (relative.startsWith('src-main/web/page/')) return 'page';
  if (relative.startsWith('src-main/')) return 'main';
  if (relative.startsWith('src-renderer/')) return 'renderer';
  return undefined;
}

const ALLOWED: Record<Layer, string> = {
  shared: 'shared/ may import only shared/ (no node:*, electron, DOM or third-party packages)',
  main: 'src-main/ may import shared/, src-main/, Node, electron and packages, never src-renderer/',
  page: 'src-main/web/page/ runs in the browser and may import only shared/ and itself',
  renderer: 'src-renderer/ may import shared/, src-renderer/ and UI packages, never electron, node:* or src-main/',
};

function judge(layer: Layer, fromRelative: string, specifier: string, root: string): string | undefined {
  if (specifier.startsWith('.')) {
    const target = path.relative(root, path.resolve(root, path.dirname(fromRelative), specifier)).split(path.sep).join('/');
    if (layer === 'main' && target === 'package.json') return undefined; // the app's name and version
    const targetLayer = layerOf(target) ?? layerOf(`${target}/`);
    const ok: Record<Layer, Layer[]> = {
      shared: ['shared'],
      main: ['shared', 'main', 'page'],
      page: ['shared', 'page'],
      renderer: ['shared', 'renderer'],
    };
    return targetLayer && ok[layer].includes(targetLayer) ? undefined : ALLOWED[layer];
  }
  if (layer === 'shared' || layer === 'page') return ALLOWED[layer];
  if (layer === 'renderer' && (isNodeBuiltin(specifier) || MAIN_ONLY_PACKAGES.includes(packageName(specifier)))) {
    return ALLOWED.renderer;
  }
  return undefined;
}

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(
    (file) => /\.(ts|mts|cts|js|mjs|cjs|svelte)$/.test(file) && !file.split(path.sep).includes('node_modules'),
  ).map((file) => path.join(dir, file));
}

/** All layer violations under `root` (a checkout of the repository). */
export function checkLayers(root: string): Violation[] {
  const violations: Violation[] = [];
  for (const top of ['shared', 'src-main', 'src-renderer']) {
    for (const file of sourceFiles(path.join(root, top))) {
      const relative = path.relative(root, file).split(path.sep).join('/');
      const layer = layerOf(relative);
      if (!layer) continue;
      const text = fs.readFileSync(file, 'utf8');
      const code = file.endsWith('.svelte') ? svelteScript(text) : text;
      for (const site of importSites(file, code)) {
        if (site.typeOnly) continue;
        const message = judge(layer, relative, site.specifier, root);
        if (message) violations.push({ file: relative, line: site.line, specifier: site.specifier, message });
      }
    }
  }
  return violations;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const root = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
  const violations = checkLayers(root);
  for (const v of violations) console.error(`${v.file}:${v.line}: imports '${v.specifier}': ${v.message}`);
  if (violations.length > 0) {
    console.error(`layers: ${violations.length} import(s) cross a layer boundary`);
    process.exit(1);
  }
  console.log('layers: ok (shared/, src-main/, src-renderer/)');
}
