module.exports = { ...require('../../../jest.angular.cjs'), displayName: 'web-billing', rootDir: __dirname };
