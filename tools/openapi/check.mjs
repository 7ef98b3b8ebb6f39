// Part of `npm test`: fails when the committed spec or client differs from what the code generates now.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ACCESS_MATRIX_FILE, CLIENT_DIR, generate } from './pipeline.mjs';

function listFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

function snapshot(dir) {
  return new Map(listFiles(dir).map((file) => [relative(dir, file), readFileSync(file, 'utf8')]));
}

const scratch = mkdtempSync(join(tmpdir(), 'huntkit-openapi-'));
try {
  const specFile = join(scratch, 'openapi.json');
  const accessMatrixFile = join(scratch, 'access-matrix.md');
  generate({
    specFile,
    accessMatrixFile,
    outputDir: join(scratch, 'lib'),
    build: process.argv.includes('--build'),
  });
  const drift = [];
  if (readFileSync(specFile, 'utf8') !== readFileSync(join(CLIENT_DIR, 'openapi.json'), 'utf8'))
    drift.push('openapi.json');
  const committedMatrix = existsSync(ACCESS_MATRIX_FILE) ? readFileSync(ACCESS_MATRIX_FILE, 'utf8') : '';
  if (readFileSync(accessMatrixFile, 'utf8') !== committedMatrix) drift.push('docs/access-matrix.md');
  const fresh = snapshot(join(scratch, 'lib'));
  const committed = snapshot(join(CLIENT_DIR, 'src/lib'));
  for (const file of new Set([...fresh.keys(), ...committed.keys()])) {
    if (fresh.get(file) !== committed.get(file)) drift.push(`src/lib/${file}`);
  }
  if (drift.length) {
    console.error(
      `The API client or access matrix is out of date (${drift.join(', ')}).\nRun \`npm run openapi\` and commit the result.`,
    );
    process.exit(1);
  }
  console.log('OpenAPI spec and generated client are up to date.');
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
