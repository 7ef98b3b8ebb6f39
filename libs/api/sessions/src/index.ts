export * from './entities/refresh-token.entity';
export * from './entities/session.entity';
export * from './sessions.module';
export * from './sessions.service';
export * from './sessions-purge.processor';
export * from './recent-auth.guard';
