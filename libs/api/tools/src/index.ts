export * from './tools.module';
