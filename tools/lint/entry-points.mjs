// An ESLint rule: workspace projects are imported only through their entry points (the `@huntkit/...`
// aliases of tsconfig.base.json, each an index.ts). `@nx/enforce-module-boundaries` already refuses
// relative and `libs/...` paths into another project, but it resolves `@huntkit/api/credits/src/x` to
// the credits project and lets it through; this rule closes that gap, so a feature cannot reach into
// another feature's entities, services or files that its index does not export.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const WORKSPACE_SCOPE = '@huntkit/';

/** The import paths tsconfig.base.json maps to an entry point, read once per ESLint process. */
export function readEntryPoints(root) {
  const file = path.join(root, 'tsconfig.base.json');
  const { config, error } = ts.readConfigFile(file, (name) => readFileSync(name, 'utf8'));
  if (error) throw new Error(`${file}: ${ts.flattenDiagnosticMessageText(error.messageText, '\n')}`);
  return new Set(Object.keys(config.compilerOptions?.paths ?? {}));
}

/** The longest entry point the import starts with: what the author should have imported. */
function ownerEntryPoint(entryPoints, imported) {
  let best = null;
  for (const entry of entryPoints) {
    if (imported.startsWith(`${entry}/`) && (!best || entry.length > best.length)) best = entry;
  }
  return best;
}

/** A string literal's value, or null for anything computed (`import(name)` cannot be checked). */
const literalValue = (node) =>
  node && node.type === 'Literal' && typeof node.value === 'string' ? node.value : null;

/** @param {Set<string>} entryPoints */
export function entryPointImportsRule(entryPoints) {
  return {
    meta: {
      type: 'problem',
      docs: { description: 'Import workspace projects only through their entry points (index.ts)' },
      schema: [],
      messages: {
        deepImport:
          '"{{imported}}" reaches into another project\'s files; import what its index.ts exports from "{{entry}}" instead.',
        unknownEntry:
          '"{{imported}}" is no entry point of this workspace (tsconfig.base.json "paths"); import a project by its @huntkit alias.',
      },
    },
    create(context) {
      function check(node, imported) {
        if (!imported?.startsWith(WORKSPACE_SCOPE) || entryPoints.has(imported)) return;
        const entry = ownerEntryPoint(entryPoints, imported);
        if (entry) context.report({ node, messageId: 'deepImport', data: { imported, entry } });
        else context.report({ node, messageId: 'unknownEntry', data: { imported } });
      }
      const checkSource = (node) => check(node.source, literalValue(node.source));
      return {
        ImportDeclaration: checkSource,
        ExportNamedDeclaration: checkSource,
        ExportAllDeclaration: checkSource,
        // Lazy routes and lazily loaded dialogs: import('@huntkit/web/tools').
        ImportExpression: checkSource,
        // `import type { X } from` is an ImportDeclaration; `typeof import('...')` is this node.
        TSImportType(node) {
          const literal = node.argument?.type === 'TSLiteralType' ? node.argument.literal : null;
          check(node, literalValue(literal));
        },
        TSImportEqualsDeclaration(node) {
          if (node.moduleReference.type === 'TSExternalModuleReference')
            check(node, literalValue(node.moduleReference.expression));
        },
        // require() and Jest's module helpers (jest.mock, jest.requireActual) name modules too.
        CallExpression(node) {
          const callee = node.callee;
          const named =
            (callee.type === 'Identifier' && callee.name === 'require') ||
            (callee.type === 'MemberExpression' &&
              callee.object.type === 'Identifier' &&
              callee.object.name === 'jest');
          if (named) check(node, literalValue(node.arguments[0]));
        },
      };
    },
  };
}
