module.exports = { ...require('../../../jest.angular.cjs'), displayName: 'web-auth', rootDir: __dirname };
