// Module boundaries, checked by `npm run check` (and so by CI) with dependency-cruiser:
//
//   - layers point one way: apps → libs/domain → libs/platform; nothing imports upward, and
//     production code never imports tests, benchmarks or scripts;
//   - no import cycle that exists at run time (ESM and Nest's decorator metadata punish them);
//   - a domain module is entered through its index.ts, its public face: no file of another module
//     (or of an app) reaches past it into the module's own files. libs/domain/src/shared is the
//     shared kernel (dates, SQL helpers, text and identifiers), open to every module. TypeORM
//     entities are the one exception: the schema spans modules, so an entity imports the entity
//     files it has relations with, and no index at run time (loading the schema loads no service).
//
// Violations that predate these rules are listed in .dependency-cruiser-known-violations.json and
// ignored (`--ignore-known`); that list may only shrink. After removing some, run
// `npm run deps:baseline` (it only ever drops entries that are gone, never adds new ones).
// A new deep import or cycle fails the check: fix it, do not add it to the list.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'An import cycle that survives compilation: at run time one side sees the other half-loaded ' +
        '(undefined classes in Nest decorator metadata). Move the shared piece to its owner or to ' +
        'libs/domain/src/shared, or invert the dependency. Cycles through `import type` only, and ' +
        'TypeORM entities of one schema naming each other (relations are resolved lazily through ' +
        '`() => Entity` and `Relation<>`), are not cycles at run time.',
      from: {},
      to: {
        circular: true,
        viaOnly: { dependencyTypesNot: ['type-only', 'pre-compilation-only'] },
        via: { pathNot: '\\.entity\\.ts$' },
      },
    },
    {
      name: 'platform-imports-no-domain-or-app',
      severity: 'error',
      comment: 'libs/platform is the bottom layer: it knows no domain module and no app.',
      from: { path: '^libs/platform/' },
      to: { path: '^(libs/domain|apps)/' },
    },
    {
      name: 'domain-imports-no-app',
      severity: 'error',
      comment: 'libs/domain sits below the apps: it may use libs/platform, never apps/.',
      from: { path: '^libs/domain/' },
      to: { path: '^apps/' },
    },
    {
      name: 'apps-import-no-other-app',
      severity: 'error',
      comment: 'The API and the worker share code through libs/, never through each other.',
      from: { path: '^apps/(api|worker)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'production-imports-no-test-code',
      severity: 'error',
      comment: 'Tests, benchmarks and scripts use the code; the code never uses them.',
      from: { path: '^(libs|apps)/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^(test|bench|scripts)/' },
    },
    {
      name: 'shared-kernel-is-dependency-free',
      severity: 'error',
      comment:
        'libs/domain/src/shared is what every module may use, so it uses nothing: no domain module, ' +
        'no package (pure functions over strings, dates and SQL text).',
      from: { path: '^libs/domain/src/shared/', pathNot: '\\.spec\\.ts$' },
      to: { pathNot: '^libs/domain/src/shared/' },
    },
    {
      name: 'no-deep-import-between-domain-modules',
      severity: 'error',
      comment:
        'Another domain module is reached through its index.ts only (`../people/index`): export what ' +
        "is needed there; its published relations (repository/<module>.relations.ts) are the one other door. " +
        'libs/domain/src/shared is open to all.',
      from: { path: '^libs/domain/src/([^/]+)/', pathNot: '\\.entity\\.ts$' },
      to: {
        path: '^libs/domain/src/[^/]+/',
        pathNot: ['^libs/domain/src/$1/', '^libs/domain/src/[^/]+/index\\.ts$', '^libs/domain/src/[^/]+/repository/[^/]+\\.relations\\.ts$', '^libs/domain/src/shared/'],
      },
    },
    {
      name: 'relations-are-leaves',
      severity: 'error',
      comment:
        "A module's published relations (repository/<module>.relations.ts: SQL text of inline views over " +
        'its own tables) are the second door into it, open to every module whatever their order, so they ' +
        'import nothing but the shared kernel: no service, no entity, no other module.',
      from: { path: '^libs/domain/src/[^/]+/repository/[^/]+\\.relations\\.ts$' },
      to: { pathNot: '^libs/domain/src/shared/' },
    },
    {
      name: 'entities-import-only-entities-across-modules',
      severity: 'error',
      comment:
        'The entities are one schema across modules: an entity names another module\'s entity by its ' +
        'file (for a relation), and reaches nothing else of that module but types through its index.ts.',
      from: { path: '^libs/domain/src/([^/]+)/.+\\.entity\\.ts$' },
      to: {
        path: '^libs/domain/src/[^/]+/',
        pathNot: ['^libs/domain/src/$1/', '^libs/domain/src/[^/]+/index\\.ts$', '^libs/domain/src/shared/', '\\.entity\\.ts$'],
      },
    },
    {
      name: 'entities-load-no-module',
      severity: 'error',
      comment:
        'An entity imports a module\'s index.ts for types only (`import type`): at run time it would load ' +
        'that module\'s services, and the schema (entities.ts, the migrations\' data source, the tests\' ' +
        'global setup) must load without them.',
      from: { path: '\\.entity\\.ts$' },
      to: { path: '^libs/domain/src/[^/]+/index\\.ts$', dependencyTypesNot: ['type-only', 'pre-compilation-only'] },
    },
    {
      name: 'no-deep-import-from-apps-into-domain',
      severity: 'error',
      comment:
        "An app reaches a domain module through its index.ts only (`#domain/people/index`): export " +
        "what is needed there. libs/domain/src/shared and libs/domain/src/entities.ts are open to all.",
      from: { path: '^apps/' },
      to: {
        path: '^libs/domain/src/[^/]+/',
        pathNot: ['^libs/domain/src/[^/]+/index\\.ts$', '^libs/domain/src/shared/'],
      },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to no file: a typo, or a file that moved.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // apps/web has its own one-way rules (scripts/check-web-imports.mjs); client-flow.ts imports a
    // client generated at test time.
    exclude: { path: ['^apps/web/', '^test/contract/client-flow\\.ts$', '(^|/)dist/'] },
    // Type-only imports are real edges for the module rules, and are told apart for cycles.
    tsPreCompilationDeps: 'specify',
    tsConfig: { fileName: 'tsconfig.json' },
    // `#domain/...` and `#platform` are package.json subpath imports; their `types` condition
    // points at the TypeScript sources.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['types', 'import', 'require', 'node', 'default'],
      extensions: ['.ts', '.d.ts', '.js', '.json'],
    },
    // The known violations may only shrink: `npm run deps:baseline` drops the fixed ones and never
    // adds any, and the check fails while the file still lists one that is gone.
    baseline: { mode: 'shrink-only', staleEntriesSeverity: 'error' },
  },
};
