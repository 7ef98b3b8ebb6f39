// `npm run openapi`: regenerates libs/web/api-client/openapi.json, the client in src/lib and
// docs/access-matrix.md. Commit them all.
import { join } from 'node:path';
import { ACCESS_MATRIX_FILE, CLIENT_DIR, generate } from './pipeline.mjs';

generate({
  specFile: join(CLIENT_DIR, 'openapi.json'),
  accessMatrixFile: ACCESS_MATRIX_FILE,
  outputDir: join(CLIENT_DIR, 'src/lib'),
});
console.log('OpenAPI spec, Angular client and access matrix regenerated.');
