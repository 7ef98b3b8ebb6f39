export * from './admin.module';
export * from './events/account-deactivated.event';
