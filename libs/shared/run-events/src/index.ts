export * from './run-events';
