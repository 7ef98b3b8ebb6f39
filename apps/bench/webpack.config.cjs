const { nodeAppConfig } = require('../../tools/webpack/node-app.cjs');

/** main.js: the benchmark workloads, run by the .mjs benchmarks beside the API's own build. */
module.exports = nodeAppConfig(__dirname, 'bench');
