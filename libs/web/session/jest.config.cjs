module.exports = { ...require('../../../jest.angular.cjs'), displayName: 'web-session', rootDir: __dirname };
