export * from './site.module';
