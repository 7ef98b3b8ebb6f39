module.exports = {
  ...require('../../../jest.preset.cjs'),
  displayName: 'shared-tool-schema',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
