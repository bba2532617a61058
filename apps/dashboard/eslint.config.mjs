import angular from 'angular-eslint';
import tseslint from 'typescript-eslint';
import baseConfig from '../../eslint.config.mjs';

export default tseslint.config(
  ...baseConfig,
  {
    files: ['**/*.ts'],
    extends: [...angular.configs.tsRecommended],
    processor: angular.processInlineTemplates,
    rules: {
      '@angular-eslint/component-selector': ['error', { type: 'element', prefix: 'up', style: 'kebab-case' }],
      '@angular-eslint/directive-selector': [
        'error',
        { type: 'attribute', prefix: 'up', style: 'camelCase' },
      ],
    },
  },
  {
    files: ['**/*.html'],
    // index.html is the page before Angular runs; its title is the product name and each route sets its own.
    ignores: ['src/index.html'],
    extends: [...angular.configs.templateRecommended, ...angular.configs.templateAccessibility],
    rules: {
      // Every user-facing text is translated (English and Dutch): marked with a stable custom id (@@area.name).
      '@angular-eslint/template/i18n': [
        'error',
        {
          checkId: true,
          checkText: true,
          checkAttributes: true,
          checkDuplicateId: true,
          // Attributes that are never text for a reader: test hooks, routing, form plumbing, SVG geometry.
          ignoreAttributes: [
            'data-testid',
            'testId',
            'idPrefix',
            'fragment',
            'aria-labelledby',
            'aria-describedby',
            'aria-controls',
            'aria-live',
            'aria-hidden',
            'queryParamsHandling',
            'routerLinkActive',
            'autocomplete',
            'inputmode',
            'spellcheck',
            'method',
            'rel',
            'scope',
            'accept',
            'min',
            'max',
            'step',
            'pattern',
            'd',
            'points',
            'transform',
            'text-anchor',
            'dominant-baseline',
            'preserveAspectRatio',
          ],
        },
      ],
    },
  },
);
