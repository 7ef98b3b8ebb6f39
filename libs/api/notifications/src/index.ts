export * from './entities/notification-preference.entity';
export * from './notification-categories';
export * from './notification-preferences.service';
export * from './notifications.module';
