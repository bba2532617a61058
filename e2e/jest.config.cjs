// Browser and whole-product tests: named *.e2e-spec.ts so the unit-test runs never pick them up.
const { nodeJestConfig } = require('../jest.node.cjs');

module.exports = nodeJestConfig(__dirname, {
  testMatch: ['<rootDir>/src/**/*.e2e-spec.ts'],
  testTimeout: 240_000,
  // Two files at a time: each starts its own product (PostgreSQL, Redis, API, worker) and Chromium, and a
  // browser file spends much of its time waiting on them, so one file at a time left a core idle (1.27 of 2
  // cores busy over the browser phase). A file owns its ports, data folder and browser; nothing is shared.
  maxWorkers: 2,
  testSequencer: '<rootDir>/test-sequencer.cjs',
});
