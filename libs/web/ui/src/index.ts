export * from './lib/async-content';
export * from './lib/icon-card';
export * from './lib/logo';
export * from './lib/heading-block';
export * from './lib/social-icon';
export * from './lib/confirm-dialog';
export * from './lib/form-alert';
export * from './lib/second-factor-field';
