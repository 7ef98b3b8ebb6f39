export * from './auth.module';
export * from './entities/login-event.entity';
export * from './entities/email-token.entity';
export * from './entities/api-token.entity';
export * from './entities/active-users.entity';
export * from './activity/active-users.service';
export * from './auth-jobs.module';
export * from './auth-rate-limits';
