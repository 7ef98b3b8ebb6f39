module.exports = {
  ...require('../../../jest.preset.cjs'),
  displayName: 'shared-workflow',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
