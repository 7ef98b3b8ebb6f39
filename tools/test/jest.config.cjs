// Tests of the tooling itself: process trees and time limits (tools/test), the module boundaries that
// lint enforces (tools/lint) and the browser suite's stack launcher (apps/web-e2e/stack). Part of
// `npm run test:unit`.
const path = require('node:path');

const ROOT = path.join(__dirname, '../..');

module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'test-tooling',
  rootDir: ROOT,
  roots: [
    path.join(ROOT, 'tools/test'),
    path.join(ROOT, 'tools/lint'),
    path.join(ROOT, 'apps/web-e2e/stack'),
  ],
  testMatch: ['**/*.spec.mjs'],
};
