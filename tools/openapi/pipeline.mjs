// Spec and client generation, shared by `npm run openapi` (writes) and the drift check in `npm test`.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = new URL('../..', import.meta.url).pathname;
export const CLIENT_DIR = join(ROOT, 'libs/web/api-client');
export const ACCESS_MATRIX_FILE = join(ROOT, 'docs/access-matrix.md');
const CLI = join(ROOT, 'dist/apps/api/cli.js');

function run(command, args) {
  execFileSync(command, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
}

/**
 * Writes the spec (from the built API CLI, no server), the access matrix drawn from its policies, and
 * the Angular client generated from it.
 */
export function generate({ specFile, accessMatrixFile, outputDir, build = true }) {
  if (build || !existsSync(CLI)) run('npx', ['nx', 'run', 'api:build', '--output-style=static']);
  run(process.execPath, [CLI, 'openapi', specFile]);
  run(process.execPath, [CLI, 'access-matrix', specFile, accessMatrixFile]);
  run(process.execPath, [
    join(ROOT, 'node_modules/ng-openapi-gen/lib/index.js'),
    '--config',
    join(CLIENT_DIR, 'ng-openapi-gen.json'),
    '--input',
    specFile,
    '--output',
    outputDir,
  ]);
}
