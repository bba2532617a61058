// Shared Jest settings for Node projects (API, worker, libs): SWC transpiles TypeScript with decorator
// metadata (NestJS/TypeORM need it) and the tsconfig path aliases map to library sources.
// Three kinds of test, each with its own config file and Nx target, so the edit loop stays fast:
//   jest.config.cjs       `test`      *.spec.ts       pure, no stores, cached by Nx
//   jest.int.config.cjs   `int-test`  *.int-spec.ts   real PostgreSQL + Redis (globalSetup starts them)
//   jest.perf.config.cjs  `perf`      *.perf-spec.ts  big generated inputs, memory bounds (CI, not every edit)
const path = require('node:path');
const { pathsToModuleNameMapper } = require('ts-jest');

const { compilerOptions } = require('./tsconfig.base.json');

const workspaceRoot = __dirname;

const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    // Rewrites the tsconfig path aliases (@uptake/*) at transform time, so files Jest loads outside its
    // module registry (globalSetup/globalTeardown) resolve them too.
    baseUrl: workspaceRoot,
    paths: compilerOptions.paths,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

/**
 * The settings every Node test run shares; testMatch says which files it runs.
 * @param {string} projectDir absolute path of the project (pass __dirname)
 * @param {import('jest').Config} [overrides]
 */
function nodeJestConfig(projectDir, overrides = {}) {
  return {
    displayName: path.relative(workspaceRoot, projectDir),
    rootDir: projectDir,
    testEnvironment: 'node',
    transform: { '^.+\\.ts$': ['@swc/jest', swcOptions] },
    moduleFileExtensions: ['ts', 'js', 'json'],
    moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: workspaceRoot + '/' }),
    ...overrides,
  };
}

/**
 * Unit tests: `*.spec.ts` (`*.int-spec.ts` and `*.perf-spec.ts` do not match). No stores.
 * @param {string} projectDir
 * @param {import('jest').Config} [overrides]
 */
function unitTests(projectDir, overrides = {}) {
  return nodeJestConfig(projectDir, {
    testMatch: ['<rootDir>/src/**/*.spec.ts'],
    ...overrides,
  });
}

/**
 * Integration tests: `*.int-spec.ts` against a real PostgreSQL (migrated) and Redis, started once per run.
 * @param {string} projectDir
 * @param {{ stores?: boolean } & import('jest').Config} [options] stores: false for a project whose
 *   integration tests start and stop stores themselves (infra/embedded tests the starting)
 */
function integrationTests(projectDir, options = {}) {
  const { stores = true, ...overrides } = options;
  return nodeJestConfig(projectDir, {
    testMatch: ['<rootDir>/src/**/*.int-spec.ts'],
    testTimeout: 60_000,
    ...(stores
      ? {
          globalSetup: path.join(workspaceRoot, 'libs/persistence/src/testing/global-setup.ts'),
          globalTeardown: path.join(workspaceRoot, 'libs/persistence/src/testing/global-teardown.ts'),
        }
      : {}),
    ...overrides,
  });
}

/**
 * Performance bounds: `*.perf-spec.ts`, which generate large inputs to check that memory stays bounded.
 * Run in band so no other test file's heap shares the process measurements.
 * @param {string} projectDir
 * @param {import('jest').Config} [overrides]
 */
function perfTests(projectDir, overrides = {}) {
  return nodeJestConfig(projectDir, {
    testMatch: ['<rootDir>/src/**/*.perf-spec.ts'],
    testTimeout: 120_000,
    ...overrides,
  });
}

module.exports = { nodeJestConfig, unitTests, integrationTests, perfTests, swcOptions };
