module.exports = { ...require('../../../jest.angular.cjs'), displayName: 'web-legal', rootDir: __dirname };
