// `npm run openapi`: regenerates libs/web/api-client/openapi.json and the client in src/lib. Commit both.
import { join } from 'node:path';
import { CLIENT_DIR, generate } from './pipeline.mjs';

generate({ specFile: join(CLIENT_DIR, 'openapi.json'), outputDir: join(CLIENT_DIR, 'src/lib') });
console.log('OpenAPI spec and Angular client regenerated.');
