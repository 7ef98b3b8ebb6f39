// API end-to-end: the whole Nest app over HTTP against real Postgres, Redis and a running worker.
const { availableParallelism } = require('node:os');

module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'api-e2e',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
  // Each suite starts its own API (and often a worker): one suite per core.
  maxWorkers: Number(process.env.HUNTKIT_TEST_CORES ?? availableParallelism()),
};
