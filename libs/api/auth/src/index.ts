export * from './auth.module';
export * from './entities/login-event.entity';
