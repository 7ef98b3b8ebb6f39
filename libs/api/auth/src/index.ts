export * from './auth.module';
export * from './entities/login-event.entity';
export * from './entities/email-token.entity';
