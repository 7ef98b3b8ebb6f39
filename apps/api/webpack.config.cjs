const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('node:path');

/** Bundles the API (main.js) and its command line (cli.js); node_modules stay external. */
module.exports = {
  output: { path: join(__dirname, '../../dist/apps/api'), clean: true },
  devtool: 'source-map',
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: join(__dirname, 'src/main.ts'),
      additionalEntryPoints: [{ entryName: 'cli', entryPath: join(__dirname, 'src/cli/cli.ts') }],
      tsConfig: join(__dirname, 'tsconfig.app.json'),
      outputHashing: 'none',
      optimization: false,
      skipTypeChecking: true,
      sourceMap: true,
    }),
  ],
};
