const { join } = require('node:path');
const { nodeAppConfig } = require('../../tools/webpack/node-app.cjs');

/** main.js (the HTTP server) and cli.js (migrations, seeds, OpenAPI export). */
module.exports = nodeAppConfig(__dirname, 'api', [
  { entryName: 'cli', entryPath: join(__dirname, 'src/cli/cli.ts') },
]);
