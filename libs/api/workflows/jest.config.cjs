module.exports = {
  ...require('../../../jest.preset.cjs'),
  displayName: 'api-workflows',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.int-spec.ts'],
};
