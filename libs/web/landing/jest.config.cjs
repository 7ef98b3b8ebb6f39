module.exports = { ...require('../../../jest.angular.cjs'), displayName: 'web-landing', rootDir: __dirname };
