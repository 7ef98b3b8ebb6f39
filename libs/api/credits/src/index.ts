export * from './credits.module';
export * from './credits.service';
export * from './entities/credit-account.entity';
export * from './entities/credit-bucket.entity';
export * from './entities/credit-ledger-entry.entity';
export * from './entities/credit-reservation.entity';
