export * from './lib/landing-page';
