import { createProjectGraphAsync } from '@nx/devkit';
import nx from '@nx/eslint-plugin';
import angular from 'angular-eslint';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import { entryPointImportsRule, readEntryPoints } from './tools/lint/entry-points.mjs';

// @nx/enforce-module-boundaries reads Nx's cached project graph and silently skips itself when there is
// none (a fresh clone, CI): make it current before any file is linted.
await createProjectGraphAsync({ exitOnError: true });

/**
 * Which projects may import which, by their Nx tags (ARCHITECTURE.md, "Layout"; the README's "Project
 * layout" has the table). A project meets every rule whose tag it carries: one for its scope, one for
 * its type. `notDependOnLibsWithTags` also follows the graph, so a way round through a third lib fails too.
 */
const FRAMEWORKS = ['@angular/*', '@nestjs/*', '@mikro-orm/*', 'rxjs', 'rxjs/*'];
const scopeRules = [
  {
    sourceTag: 'scope:api',
    onlyDependOnLibsWithTags: ['scope:api', 'scope:shared'],
    bannedExternalImports: ['@angular/*'],
  },
  {
    sourceTag: 'scope:web',
    onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'],
    notDependOnLibsWithTags: ['scope:api'],
    bannedExternalImports: ['@nestjs/*', '@mikro-orm/*'],
  },
  // Plain TypeScript both sides can load: no framework of either side.
  {
    sourceTag: 'scope:shared',
    onlyDependOnLibsWithTags: ['scope:shared'],
    bannedExternalImports: FRAMEWORKS,
  },
];
const typeRules = [
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
  {
    sourceTag: 'type:ui',
    onlyDependOnLibsWithTags: ['type:ui', 'type:util'],
    notDependOnLibsWithTags: ['type:data-access', 'type:feature'],
  },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
];
export const dependencyRules = [...scopeRules, ...typeRules];

/**
 * The one exception: libs/api/database (data access) assembles the schema from the entities each feature
 * owns, as the apps assemble the features' modules. Only its own files get this table.
 */
const schemaAssemblyRules = dependencyRules.map((rule) =>
  rule.sourceTag === 'type:data-access'
    ? { ...rule, onlyDependOnLibsWithTags: [...rule.onlyDependOnLibsWithTags, 'type:feature'] }
    : rule,
);
const SCHEMA_ASSEMBLY_FILES = ['libs/api/database/**/*.ts'];

/**
 * - checkNestedExternalImports: a banned framework stays banned when it comes through another lib.
 * - banTransitiveDependencies stays off: projects declare no npm dependencies of their own (one root
 *   package.json), so it would flag every package.
 * - enforceBuildableLibDependency: no lib is buildable today; a buildable one may not use sources.
 */
const boundaryOptions = (depConstraints) => ({
  enforceBuildableLibDependency: true,
  checkNestedExternalImports: true,
  allow: [],
  depConstraints,
});

/** Local rules (tools/lint): `huntkit/entry-point-imports` refuses deep imports into other projects. */
const huntkit = {
  rules: { 'entry-point-imports': entryPointImportsRule(readEntryPoints(import.meta.dirname)) },
};

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
    plugins: { huntkit },
    rules: {
      '@nx/enforce-module-boundaries': ['error', boundaryOptions(dependencyRules)],
      'huntkit/entry-point-imports': 'error',
    },
  },
  {
    files: SCHEMA_ASSEMBLY_FILES,
    rules: { '@nx/enforce-module-boundaries': ['error', boundaryOptions(schemaAssemblyRules)] },
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
