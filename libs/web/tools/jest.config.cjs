module.exports = { ...require('../../../jest.angular.cjs'), displayName: 'web-tools', rootDir: __dirname };
