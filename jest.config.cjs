// Every project's unit and integration tests in one Jest run sharing one pool of workers (`npm run
// test:unit`, and the unit step of `npm test`): one start-up instead of one per project. Each project's
// own jest.config.cjs still serves `nx test <project>`.
const { existsSync } = require('node:fs');
const path = require('node:path');
const { projectFolders } = require('./tools/workspace-projects.cjs');

module.exports = {
  projects: [...projectFolders(), path.join(__dirname, 'tools/test')]
    .map((folder) => path.join(folder, 'jest.config.cjs'))
    .filter((config) => existsSync(config)),
  ...require('./tools/jest/run-options.cjs'),
};
