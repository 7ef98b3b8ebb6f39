// Webpack settings shared by the Node processes (api, worker): one bundle per entry, node_modules
// left external, decorators metadata kept (ts-loader), type checking left to the typecheck targets.
const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('node:path');

function nodeAppConfig(appDir, name, additionalEntryPoints = []) {
  return {
    output: { path: join(appDir, '../../dist/apps', name), clean: true },
    devtool: 'source-map',
    plugins: [
      new NxAppWebpackPlugin({
        target: 'node',
        compiler: 'tsc',
        main: join(appDir, 'src/main.ts'),
        additionalEntryPoints,
        tsConfig: join(appDir, 'tsconfig.app.json'),
        outputHashing: 'none',
        optimization: false,
        skipTypeChecking: true,
        sourceMap: true,
      }),
    ],
  };
}

module.exports = { nodeAppConfig };
