// Browser and whole-product tests: named *.e2e-spec.ts so the unit-test runs never pick them up.
const { nodeJestConfig } = require('../jest.node.cjs');

module.exports = nodeJestConfig(__dirname, {
  testMatch: ['<rootDir>/src/**/*.e2e-spec.ts'],
  testTimeout: 240_000,
});
