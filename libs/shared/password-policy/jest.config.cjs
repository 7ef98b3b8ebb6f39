module.exports = {
  ...require('../../../jest.preset.cjs'),
  displayName: 'shared-password-policy',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
