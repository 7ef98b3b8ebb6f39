export * from './lib/session.store';
export * from './lib/session-refresher';
export * from './lib/refresh-on-401.interceptor';
export * from './lib/session.guards';
export * from './lib/user-date.pipe';
export * from './lib/credits.store';
