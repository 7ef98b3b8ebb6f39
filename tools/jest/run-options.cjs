// Options Jest reads from the config a run starts from (the root one, or a project's own when run
// alone), shared by both so the two behave alike.
const path = require('node:path');

module.exports = {
  // Sized for a slow, busy machine: integration tests migrate databases and talk to Redis.
  testTimeout: 30_000,
  reporters: ['default', path.join(__dirname, 'timing-reporter.cjs')],
};
