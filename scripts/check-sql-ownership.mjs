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
//
// Second rule: SQL names only its own module's tables. The owner of each table is read from the
// entities: `@Entity('name')` in libs/domain/src/<module>/ makes <module> the owner of `name`. A file
// of libs/domain whose SQL names another module's table (FROM, JOIN, UPDATE, INSERT INTO, DELETE FROM,
// TABLE), or whose repository calls hand another module's entity class to TypeORM
// (`em.find(Person, …)`, `getRepository(User)`, `createQueryBuilder(Person, …)`), fails: it reads
// through the owner's service or a read model the owner publishes. .sql-ownership-known-violations.json
// lists what is not converted yet, file by file and table by table, and may only shrink in the same way
// (`npm run sql:shrink` drops the entries that are fixed).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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

// Files whose SQL still names another module's tables, with those tables, in
// .sql-ownership-known-violations.json. Shrink only: a listed table the file no longer names fails
// the check until it is removed there; nothing new may be added.
const KNOWN = '.sql-ownership-known-violations.json';
const CROSS_MODULE = existsSync(KNOWN) ? JSON.parse(readFileSync(KNOWN, 'utf8')) : {};

const DOMAIN = 'libs/domain/src';

/** Who owns each table: the module folder its `@Entity('name')` is declared in; and each entity class's table. */
function tableOwners() {
  const owner = new Map();
  const tableOf = new Map();
  for (const entry of readdirSync(DOMAIN, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.spec.ts')) continue;
    const file = join(entry.parentPath, entry.name);
    const module = moduleOf(file);
    if (!module) continue;
    for (const match of readFileSync(file, 'utf8').matchAll(/@Entity\(\s*['"`](\w+)['"`][\s\S]*?\bclass\s+(\w+)/g)) {
      owner.set(match[1].toLowerCase(), module);
      tableOf.set(match[2], match[1].toLowerCase());
    }
  }
  return { owner, tableOf };
}

/** The module folder of a file of libs/domain/src (none for a file at its top). */
function moduleOf(file) {
  const parts = relative(DOMAIN, file).split(/[\\/]/);
  return parts.length > 1 ? parts[0] : undefined;
}

/** Comments say what code does in words ("reads from people"); only code is looked at. */
const code = (text) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

/** The other modules' tables a file names: in SQL, or as an entity class handed to TypeORM. */
function foreignTables(text, module, { owner, tableOf }) {
  const body = code(text);
  const found = new Set();
  const tables = [...owner.keys()].filter((table) => owner.get(table) !== module);
  if (tables.length > 0) {
    const sql = new RegExp(`\\b(?:from|join|update|into|table)\\s+(?:only\\s+)?"?(${tables.join('|')})"?(?![\\w.-])`, 'gi');
    for (const match of body.matchAll(sql)) found.add(match[1].toLowerCase());
  }
  const classes = [...tableOf.keys()].filter((name) => owner.get(tableOf.get(name)) !== module);
  if (classes.length > 0) {
    const orm = new RegExp(`\\b(?:getRepository|createQueryBuilder|find\\w*|insert|update|delete|save|remove|exists\\w*|count\\w*|upsert|increment|decrement|softDelete|restore)\\s*\\(\\s*(${classes.join('|')})\\s*[,)]`, 'g');
    for (const match of body.matchAll(orm)) found.add(tableOf.get(match[1]));
  }
  return [...found].sort();
}

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
const owners = tableOwners();
const named = new Map();
for (const entry of readdirSync(DOMAIN, { withFileTypes: true, recursive: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.spec.ts')) continue;
  const file = relative(process.cwd(), join(entry.parentPath, entry.name));
  const module = moduleOf(file);
  if (!module) continue;
  const foreign = foreignTables(readFileSync(file, 'utf8'), module, owners);
  named.set(file, new Set(foreign));
  const excused = new Set(CROSS_MODULE[file] ?? []);
  const unexcused = foreign.filter((table) => !excused.has(table));
  if (unexcused.length > 0) {
    problems.push(`${file}: its SQL names ${unexcused.map((table) => `${table} (owned by ${owners.owner.get(table)})`).join(', ')}; read through the owner's service or a read model it publishes`);
  }
}
if (process.argv.includes('--shrink')) {
  // Drops the entries that are fixed (never adds one), like `npm run deps:baseline`.
  const kept = Object.fromEntries(
    Object.entries(CROSS_MODULE)
      .map(([file, tables]) => [file, tables.filter((table) => named.get(file)?.has(table))])
      .filter(([, tables]) => tables.length > 0),
  );
  writeFileSync(KNOWN, `${JSON.stringify(kept, null, 2)}\n`);
  for (const file of Object.keys(CROSS_MODULE)) CROSS_MODULE[file] = kept[file] ?? [];
}
for (const [file, tables] of Object.entries(CROSS_MODULE)) {
  for (const table of tables) {
    if (!named.get(file)?.has(table)) problems.push(`${file}: ${existsSync(file) ? `no longer names ${table}` : 'is gone'}; remove it from ${KNOWN}`);
  }
}
for (const file of allowed) {
  if (!seen.has(file)) problems.push(`${file}: ${existsSync(file) ? 'runs no SQL any more' : 'is gone'}; remove it from ALLOWED in scripts/check-sql-ownership.mjs`);
}
if (problems.length > 0) {
  process.stderr.write(`check-sql-ownership: only a module's repository (*.repository.ts) runs SQL, over its own module's tables:\n  ${problems.join('\n  ')}\n`);
  process.exit(1);
}
