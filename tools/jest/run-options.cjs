// Options Jest reads from the config a run starts from (the root one, or a project's own when run
// alone), shared by both so the two behave alike.
const path = require('node:path');

module.exports = {
  // Set once, for every tier, and sized for a slow, busy machine: a whole journey (start an API and a
  // worker, run a tool, wait for its mail). Longer than STATE_WAIT_MS (@huntkit/api/core/testing), so a
  // wait that gives up says what it waited for before Jest's own timeout would.
  testTimeout: 120_000,
  reporters: ['default', path.join(__dirname, 'timing-reporter.cjs')],
};
