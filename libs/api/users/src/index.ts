export * from './demo-admin.seed';
export * from './entities/user.entity';
export * from './password-hasher';
export * from './acceptable-password.validator';
export * from './users.module';
export * from './users.service';
