import nx from '@nx/eslint-plugin';
import angular from 'angular-eslint';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** Which project types and scopes may import which (ARCHITECTURE.md, "Layout"). */
const dependencyRules = [
  { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:api', 'scope:shared'] },
  { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:ui', 'type:util'],
  },
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:util'] },
  {
    sourceTag: 'type:feature',
    onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:ui', 'type:util'],
  },
  { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:util'] },
  { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:ui', 'type:util'] },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
];

/** Generated from the OpenAPI spec and never edited by hand, so never linted. */
const generatedWebClient = 'libs/web/api-client/src/lib/**';
const webFolders = ['apps/web', 'libs/web'];

/** angular-eslint for the web side: TypeScript rules on *.ts, template rules on *.html and inline templates. */
const angularConfigs = defineConfig(
  {
    files: webFolders.map((folder) => `${folder}/**/*.ts`),
    ignores: [generatedWebClient],
    extends: [angular.configs.tsRecommended],
    // Hands each inline template to the *.html block below as a virtual file.
    processor: angular.processInlineTemplates,
    rules: {
      '@angular-eslint/component-selector': ['error', { type: 'element', prefix: 'hk', style: 'kebab-case' }],
      '@angular-eslint/directive-selector': [
        'error',
        { type: 'attribute', prefix: 'hk', style: 'camelCase' },
      ],
    },
  },
  {
    files: webFolders.map((folder) => `${folder}/**/*.html`),
    ignores: [generatedWebClient],
    extends: [angular.configs.templateRecommended, angular.configs.templateAccessibility],
  },
);

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
      generatedWebClient,
      '**/test-results',
      '**/playwright-report',
      '.huntkit/**',
    ],
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: true, allow: [], depConstraints: dependencyRules },
      ],
    },
  },
  {
    // Type-aware rules: promises must be awaited or handled, switches over unions must be exhaustive.
    files: ['**/*.ts'],
    // One program over every TypeScript file (tsconfig.eslint.json) rather than one per project: the
    // projects import each other's sources, so per-project programs hold the shared code many times
    // over (a run over the repository outgrew a 4 GB heap). Compiling per project is the type checks' job.
    languageOptions: {
      parserOptions: { project: ['./tsconfig.eslint.json'], tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: false },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.cjs', '**/*.mjs', '**/*.js'],
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  tseslint.configs.disableTypeChecked && {
    files: ['**/*.cjs', '**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  ...angularConfigs,
].filter(Boolean);
