export * from './test-environment';
export * from './smtp-sink';
export * from './queues';
export * from './fake-date';
export * from './private-redis';
export * from './free-port';
