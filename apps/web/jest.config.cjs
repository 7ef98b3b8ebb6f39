module.exports = { ...require('../../jest.angular.cjs'), displayName: 'web', rootDir: __dirname };
