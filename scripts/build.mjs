// `npm run build` (and the first step of `npm start`): compiles into dist/ only when something the
// build reads changed since the last build: the API, worker and scripts with tsc, and the dashboard
// (apps/web) with Vite into dist/web, which the API serves at /app/. Plain JavaScript, because it runs before anything is
// compiled.
//
// Up to date means: the stamp dist/.build-stamp exists, names the same hash of every source and
// build file (contents, not times: a changed file always rebuilds, whatever its mtime), and the same
// hash of everything in dist/ (so outputs deleted or rewritten by another compiler run rebuild too).
// The stamp is removed before tsc starts and written only after it succeeds: a build that fails or is
// interrupted leaves no stamp, and the next one compiles. tsc itself is incremental
// (dist/.tsbuildinfo), so a rebuild after a small change is quicker than a full one.
//
//   node scripts/build.mjs           compile if needed
//   node scripts/build.mjs --force   compile whatever the stamp says
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const ROOT = process.cwd();
const DIST = join(ROOT, 'dist');
const STAMP = join(DIST, '.build-stamp');
const BUILD_INFO = join(DIST, '.tsbuildinfo');
/** Every folder whose files the build compiles, and the root files that change what it produces. */
const SOURCE_DIRS = ['apps', 'libs', 'migrations', 'scripts', 'bench'];
const ROOT_FILE = /^(tsconfig.*\.json|package\.json|package-lock\.json)$/;

function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) files.push(join(entry.parentPath, entry.name));
  }
  return files;
}

/** One hash over paths and contents, in a fixed order. */
function hashFiles(files) {
  const hash = createHash('sha256');
  for (const file of [...files].sort()) {
    hash.update(file.slice(ROOT.length)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

function sourcesHash() {
  const rootFiles = readdirSync(ROOT).filter((name) => ROOT_FILE.test(name)).map((name) => join(ROOT, name));
  return hashFiles([...rootFiles, ...SOURCE_DIRS.flatMap((dir) => filesUnder(join(ROOT, dir)))]);
}

/** dist/ as tsc left it: its own dot files at the top (stamp, the tests' build marker) left out. */
function outputsHash() {
  return hashFiles(filesUnder(DIST).filter((file) => !/^[/\\]\./.test(file.slice(DIST.length))));
}

function readStamp() {
  try {
    return JSON.parse(readFileSync(STAMP, 'utf8'));
  } catch {
    return undefined;
  }
}

const force = process.argv.includes('--force');
const sources = sourcesHash();
const stamp = readStamp();
if (!force && stamp?.sources === sources && stamp.outputs === outputsHash()) {
  process.stdout.write('build: dist/ is up to date with the sources\n');
  process.exit(0);
}

rmSync(STAMP, { force: true });
// Outputs that no longer match what tsc last wrote (deleted, or rewritten by another run): tsc's
// incremental state would skip re-emitting them, so it starts over.
if (force || !stamp || stamp.outputs !== outputsHash()) rmSync(BUILD_INFO, { force: true });
process.stdout.write(`build: compiling into dist/ (${stamp ? "the sources or dist/ changed since the last build" : "no finished build yet"})\n`);
const tsc = createRequire(join(ROOT, 'package.json')).resolve('typescript/bin/tsc');
const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
if (result.status !== 0) {
  process.stderr.write(`build: tsc failed (${result.signal ?? `exit code ${result.status}`}); dist/ is not marked as built\n`);
  process.exit(result.status || 1);
}
// The dashboard: Vite bundles apps/web into dist/web (hashed file names; it empties the folder first).
// A tree without apps/web (an API-only checkout) builds the API alone; /app/ then says what is missing.
const WEB_CONFIG = join(ROOT, 'apps/web/vite.config.mjs');
if (existsSync(WEB_CONFIG)) {
  const vite = join(dirname(createRequire(join(ROOT, 'package.json')).resolve('vite/package.json')), 'bin', 'vite.js');
  // NODE_ENV=production whatever the caller's (jest's is `test`): React's production build, not its development one.
  const web = spawnSync(process.execPath, [vite, 'build', '--mode', 'production', '--config', WEB_CONFIG], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (web.status !== 0) {
    process.stderr.write(`build: the dashboard's build (vite) failed (${web.signal ?? `exit code ${web.status}`}); dist/ is not marked as built\n`);
    process.exit(web.status || 1);
  }
}
// The hash of the sources as they were when tsc started: a file saved during the build rebuilds next time.
const temporary = `${STAMP}.${process.pid}`;
writeFileSync(temporary, JSON.stringify({ sources, outputs: outputsHash() }));
renameSync(temporary, STAMP);
