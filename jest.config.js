// One Jest run, three projects: the pure domain rules, the API against a real database,
// and the browser end-to-end tests against the H5 build.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true, tsx: false },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];
const shared = {
  transform: { '^.+\\.(t|j|mj|cj)s$': swc },
  transformIgnorePatterns: [],
  moduleNameMapper: {
    '^@jiayi/domain$': '<rootDir>/libs/domain/src/index.ts',
    '^@jiayi/domain/(.*)$': '<rootDir>/libs/domain/src/$1',
    '^@jiayi/contract$': '<rootDir>/libs/contract/src/index.ts',
  },
  rootDir: __dirname,
};
module.exports = {
  testTimeout: 60_000,
  projects: [
    { ...shared, displayName: 'domain', testMatch: ['<rootDir>/libs/domain/src/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'api',
      testMatch: ['<rootDir>/apps/api/src/**/*.spec.ts', '<rootDir>/apps/api/test/**/*.spec.ts'],
      setupFiles: ['reflect-metadata'],
    },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e.ts'] },
  ],
};
