// `npm run check`: every module owns its tables, and only its repository runs SQL (issue 14). A file
// of libs/domain or of the apps that runs a statement (`.query(`), builds a query, asks TypeORM for
// a repository or the DataSource, or calls an EntityManager's read/write methods, must be a
// repository: `*.repository.ts`, or a file in a module's `repository/` folder. A module's index.ts
// exports no repository. libs/platform (the
// database layer itself) and migrations are not checked.
//
// ALLOWED lists the files not converted yet, each with the module that will convert it. It may only
// shrink: a listed file that no longer runs SQL fails the check until its line is removed, as
// dependency-cruiser's baseline does. Plain JavaScript with no dependency: it runs before anything
// is compiled.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOTS = ['libs/domain/src', 'apps/api/src', 'apps/worker/src'];
// A module's export part (<module>.export.ts) reads and restores the module's own tables for the
// account document: a repository of that one use; account-export/restore-context.ts batches the
// parts' inserts.
const REPOSITORY = /(\.repository\.ts$|\/repository\/|\.export\.ts$|account-export\/restore-context\.ts$)/;
const SQL = [
  // `this.query(` is a class's own method (the arXiv client's search), not a statement.
  [/(?<!\bthis)\.query\s*[<(]/, 'runs SQL (.query)'],
  [/createQueryBuilder\s*\(/, 'builds a query (createQueryBuilder)'],
  [/\.getRepository\s*\(/, 'takes a TypeORM repository (getRepository)'],
  [/@InjectRepository\s*\(/, 'injects a TypeORM repository'],
  [/@InjectDataSource\s*\(|\bprivate readonly \w+: DataSource\b/, 'injects the DataSource'],
  [/\b(em|manager|entityManager)\.(find\w*|insert|update|delete|save|remove|exists\w*|count\w*|upsert|increment|decrement|softDelete|restore|create)\s*\(/, 'reads or writes through an EntityManager'],
];

/** Files still running SQL outside a repository, by the module whose work converts them. Shrink only: it is empty now, and stays so. */
const ALLOWED = {};

const allowed = new Set(Object.values(ALLOWED).flat());
const problems = [];
const seen = new Set();
for (const root of ROOTS) {
  for (const entry of readdirSync(root, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.spec.ts')) continue;
    const file = relative(process.cwd(), join(entry.parentPath, entry.name));
    if (REPOSITORY.test(file)) continue;
    const text = readFileSync(file, 'utf8');
    // A repository is its module's own: others go through the module's service.
    // What a module publishes from its repository/ folder (read models: batched reads over its own
    // tables that other modules call inside their transaction) may be exported; the class never.
    if (entry.name === 'index.ts' && /from\s+['"][^'"]*\.repository['"]/.test(text)) problems.push(`${file}: exports a repository; export the service instead`);
    const found = SQL.filter(([pattern]) => pattern.test(text)).map(([, what]) => what);
    if (found.length === 0) continue;
    seen.add(file);
    if (!allowed.has(file)) problems.push(`${file}: ${found.join(', ')}; move it into the module's repository`);
  }
}
for (const file of allowed) {
  if (!seen.has(file)) problems.push(`${file}: ${existsSync(file) ? 'runs no SQL any more' : 'is gone'}; remove it from ALLOWED in scripts/check-sql-ownership.mjs`);
}
if (problems.length > 0) {
  process.stderr.write(`check-sql-ownership: only a module's repository (*.repository.ts) runs SQL:\n  ${problems.join('\n  ')}\n`);
  process.exit(1);
}
