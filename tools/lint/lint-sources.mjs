// Lints sources that need not exist on disk with the repository's own ESLint config, as if each were
// the file at its `filePath` (so the Nx project graph places it in a real project). Used by
// module-boundaries.spec.mjs: ESLint loads its flat config through import(), which Jest's module
// sandbox does not support, so the spec runs this in a child process.
//
//   stdin:  [{ "filePath": "libs/web/ui/src/lib/x.ts", "code": "import ..." }, ...]
//   stdout: a line `RESULTS <json>`: for each source, its messages ({ ruleId, messageId, message, line }).
import { createProjectGraphAsync } from '@nx/devkit';
import { ESLint } from 'eslint';
import { text } from 'node:stream/consumers';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';

export const RESULTS_MARKER = 'RESULTS ';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function main() {
  const sources = JSON.parse(await text(process.stdin));
  // The boundary rule reads the cached project graph and skips itself without one: make it current
  // (tags edited, projects added) before linting.
  await createProjectGraphAsync({ exitOnError: true });
  const eslint = new ESLint({
    cwd: ROOT,
    // The sources are not in tsconfig.eslint.json's program; the type-aware rules are not under test.
    overrideConfig: [{ files: ['**/*.ts'], ...tseslint.configs.disableTypeChecked }],
  });
  const results = [];
  for (const { filePath, code } of sources) {
    const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, filePath) });
    results.push(
      (result?.messages ?? []).map(({ ruleId, messageId, message, line }) => ({
        ruleId,
        messageId,
        message,
        line,
      })),
    );
  }
  process.stdout.write(`\n${RESULTS_MARKER}${JSON.stringify(results)}\n`);
}

await main();
