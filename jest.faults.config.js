import base from './jest.config.js';

/** The fault and adversarial suite: the same harness, only __tests__/faults/. */
export default {
  ...base,
  testPathIgnorePatterns: ['/node_modules/'],
  testMatch: ['<rootDir>/__tests__/faults/**/*.test.ts'],
  testTimeout: 120000,
};
