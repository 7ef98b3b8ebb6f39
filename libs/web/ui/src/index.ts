export * from './lib/icon-card';
export * from './lib/logo';
export * from './lib/page-header';
export * from './lib/social-icon';
