export * from './mfa.module';
export * from './mfa.service';
export * from './entities/mfa-factor.entity';
export * from './entities/mfa-backup-code.entity';
export * from './entities/mfa-challenge.entity';
