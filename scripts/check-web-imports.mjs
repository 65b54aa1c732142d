// `npm run check`: the dashboard's layers import one way only (STYLE.md (e), bulletproof-react's
// project structure): shared code (src/components, src/lib, src/testing) imports no feature and not
// the app; a feature (src/features/<noun>) imports no other feature and not the app; src/app
// composes them. Plain JavaScript with no dependency: it runs before anything is compiled.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

const SRC = resolve('apps/web/src');
const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;

/** Which layer a file under src/ belongs to: 'app', 'shared', or 'feature:<noun>'. */
function layerOf(path) {
  const [top, noun] = relative(SRC, path).split(sep);
  if (top === 'features') return `feature:${noun}`;
  if (top === 'app' || top === 'main.tsx') return 'app';
  return 'shared';
}

function resolveImport(file, specifier) {
  if (specifier.startsWith('@/')) return join(SRC, specifier.slice(2));
  if (specifier.startsWith('.')) return resolve(file, '..', specifier);
  return undefined; // a package
}

const problems = [];
for (const entry of readdirSync(SRC, { withFileTypes: true, recursive: true })) {
  if (!entry.isFile() || !/\.(ts|tsx)$/.test(entry.name)) continue;
  const file = join(entry.parentPath, entry.name);
  const from = layerOf(file);
  for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2] ?? match[3];
    const target = resolveImport(file, specifier);
    if (!target || !target.startsWith(SRC)) continue;
    const to = layerOf(target);
    const allowed = from === 'app' || to === 'shared' || to === from;
    if (!allowed) problems.push(`${relative(process.cwd(), file)}: imports ${specifier} (${from} may not import ${to})`);
  }
}
if (problems.length > 0) {
  process.stderr.write(`check-web-imports: the dashboard's layers import one way (shared → features → app), and features never import each other:\n  ${problems.join('\n  ')}\n`);
  process.exit(1);
}
process.stdout.write('check-web-imports: shared → features → app, no feature imports another\n');
