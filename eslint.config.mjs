import nx from '@nx/eslint-plugin';

/**
 * Module boundaries (see README "Architecture"):
 * - type:app may use feature/data/util libs, never another app;
 * - type:data (persistence) may use data/util; type:util only util;
 * - scope:client (the dashboard) may use scope:client and scope:shared only (no server code in the browser);
 * - scope:shared (contracts) depends on nothing framework-specific.
 */
const layerConstraints = [
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:data', 'type:util'] },
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:util', 'type:testing'] },
  { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:feature', 'type:data', 'type:util'] },
  { sourceTag: 'type:data', onlyDependOnLibsWithTags: ['type:data', 'type:util'] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:data', 'type:util', 'type:testing'] },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
];
const scopeConstraints = [
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:client', onlyDependOnLibsWithTags: ['scope:client', 'scope:shared'] },
  { sourceTag: 'scope:server', onlyDependOnLibsWithTags: ['scope:server', 'scope:shared'] },
];

/** @param {{ sourceTag: string, onlyDependOnLibsWithTags: string[] }[]} depConstraints */
function moduleBoundaries(depConstraints) {
  return ['error', { enforceBuildableLibDependency: false, allow: [], depConstraints }];
}

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: [
      '**/dist',
      '**/node_modules',
      '**/.angular',
      '**/.nx',
      '.data',
      '.tools',
      'e2e/artifacts',
      'coverage',
    ],
  },
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs', '**/*.cjs'],
    rules: {
      '@nx/enforce-module-boundaries': moduleBoundaries([...layerConstraints, ...scopeConstraints]),
    },
  },
  {
    // Test code: specs of every kind, test folders, and the test helpers a library ships for the tests of
    // others (the store setup in persistence, the connector contract kit in ingest). It may assert non-null.
    files: [
      '**/*.spec.ts',
      '**/*.int-spec.ts',
      '**/*.perf-spec.ts',
      '**/*.e2e-spec.ts',
      '**/test/**/*.ts',
      'e2e/src/**/*.ts',
      'libs/*/src/testing/**/*.ts',
    ],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Test files may use the test helpers (type:testing) on top of their layer; the scope constraints
      // stay as they are, so a dashboard spec cannot pull server code in either.
      '@nx/enforce-module-boundaries': moduleBoundaries([
        ...layerConstraints.map(({ sourceTag, onlyDependOnLibsWithTags }) => ({
          sourceTag,
          onlyDependOnLibsWithTags: [...new Set([...onlyDependOnLibsWithTags, 'type:testing'])],
        })),
        ...scopeConstraints,
      ]),
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tool configuration files (jest, eslint) share the workspace presets by relative path.
    files: ['**/jest*.config.cjs', '**/eslint.config.mjs'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
];
