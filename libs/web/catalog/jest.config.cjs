module.exports = { ...require('../../../jest.angular.cjs'), displayName: 'web-catalog', rootDir: __dirname };
