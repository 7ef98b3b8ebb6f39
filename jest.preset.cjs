// Shared Jest settings for the Node side (api, worker, api libs, tools).
// Nest 12, MikroORM 7 and friends ship ESM only, so SWC transpiles them too (STACK.md, fix 2).
const path = require('node:path');
const { pathsToModuleNameMapper } = require('./tools/jest/paths.cjs');

module.exports = {
  ...require('./tools/jest/run-options.cjs'),
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j|mj)s$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|@mikro-orm|kysely|uid|file-type|strtok3|token-types|@tokenizer|load-esm|otplib|@otplib|@scure|@noble|nodemailer|content-disposition|openid-client|oauth4webapi|jose)/)',
  ],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  moduleNameMapper: pathsToModuleNameMapper(path.join(__dirname, 'tsconfig.base.json')),
  setupFiles: [path.join(__dirname, 'tools/jest/setup-reflect.cjs')],
};
