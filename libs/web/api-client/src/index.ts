// Generated from the API's OpenAPI spec by `npm run openapi`; never edit src/lib by hand.
export * from './lib/index';
