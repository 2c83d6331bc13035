/**
 * Tests run as ESM, like the action itself; one throwaway PostgreSQL per worker serves the run.
 * ts-jest compiles with module ESNext (not the project's NodeNext) so that the global setup, which jest loads
 * outside its ESM sandbox, can be compiled to CommonJS.
 */
const tsJest = [
  'ts-jest',
  {
    useESM: true,
    diagnostics: false,
    tsconfig: { module: 'ESNext', moduleResolution: 'Bundler', allowImportingTsExtensions: true, noEmit: true },
  },
];

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': tsJest },
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  // The fault suite (crashes, kills, restarts) runs on its own: npm run test:faults.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/__tests__/faults/'],
  // Most of a test's time is spent waiting on PostgreSQL, so two workers run well even on two cores (three make
  // the timing-bound tests miss their bounds). Each worker gets a throwaway server of its own (global-setup.ts); a
  // DATABASE_URL is one server, so there one worker uses it.
  maxWorkers: process.env.DATABASE_URL ? 1 : 2,
  globalSetup: '<rootDir>/__tests__/harness/global-setup.ts',
  globalTeardown: '<rootDir>/__tests__/harness/global-teardown.ts',
  testTimeout: 60000,
};
