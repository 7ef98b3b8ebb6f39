module.exports = { ...require('../../../jest.angular.cjs'), displayName: 'web-account', rootDir: __dirname };
