export * from './test-environment';
export * from './smtp-sink';
