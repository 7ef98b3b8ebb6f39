module.exports = { ...require('../../../jest.angular.cjs'), displayName: 'web-ui', rootDir: __dirname };
