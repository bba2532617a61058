// Shared Jest settings for Node projects (API, worker, libs): SWC transpiles TypeScript with decorator
// metadata (NestJS/TypeORM need it) and the tsconfig path aliases map to library sources.
const path = require('node:path');
const { pathsToModuleNameMapper } = require('ts-jest');

const { compilerOptions } = require('./tsconfig.base.json');

const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    // Rewrites the tsconfig path aliases (@uptake/*) at transform time, so files Jest loads outside its
    // module registry (globalSetup/globalTeardown) resolve them too.
    baseUrl: __dirname,
    paths: compilerOptions.paths,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

/**
 * @param {string} projectDir absolute path of the project (pass __dirname)
 * @param {{ stores?: boolean } & import('jest').Config} [options] stores: start real Postgres + Redis for the run
 */
function nodeJestConfig(projectDir, options = {}) {
  const { stores = false, ...overrides } = options;
  const workspaceRoot = __dirname;
  return {
    displayName: path.relative(workspaceRoot, projectDir),
    rootDir: projectDir,
    testEnvironment: 'node',
    transform: { '^.+\\.ts$': ['@swc/jest', swcOptions] },
    moduleFileExtensions: ['ts', 'js', 'json'],
    moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: workspaceRoot + '/' }),
    testMatch: [
      '<rootDir>/src/**/*.spec.ts',
      '<rootDir>/src/**/*.int-spec.ts',
      '<rootDir>/test/**/*.spec.ts',
    ],
    ...(stores
      ? {
          globalSetup: path.join(workspaceRoot, 'libs/persistence/src/testing/global-setup.ts'),
          globalTeardown: path.join(workspaceRoot, 'libs/persistence/src/testing/global-teardown.ts'),
          testTimeout: 60_000,
        }
      : {}),
    ...overrides,
  };
}

module.exports = { nodeJestConfig, swcOptions };
