/** ESM TypeScript tests: run with NODE_OPTIONS=--experimental-vm-modules (see package.json). */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testTimeout: 60000,
  // Most tests wait on child processes and sockets: a third worker keeps both cores busy while they wait.
  maxWorkers: 3,
  maxConcurrency: 8,
  reporters: ['default', '<rootDir>/scripts/plain-summary-reporter.js'],
};
