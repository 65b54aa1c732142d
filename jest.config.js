/** @type {import('jest').Config} */
// NestJS 12 ships ESM; swc compiles our TypeScript and those packages to CommonJS for jest.
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2023' }, module: { type: 'commonjs' } }];
const shared = {
  testEnvironment: 'node',
  transform: { '^.+\\.(ts|js|mjs)$': swc },
  // Packages that ship ESM only; everything else in node_modules is CommonJS already.
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|@bull-board|content-disposition|@otplib|@scure|@noble|uuid)/)'],
  moduleNameMapper: {
    '^#platform$': '<rootDir>/libs/platform/src/index.ts',
    '^#platform/(.*)$': '<rootDir>/libs/platform/src/$1',
    '^#domain/(.*)$': '<rootDir>/libs/domain/src/$1',
  },
};
module.exports = {
  maxWorkers: 2,
  // A global option (jest ignores it inside a project): end-to-end suites boot apps and wait for jobs.
  testTimeout: 30000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
