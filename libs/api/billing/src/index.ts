export * from './billing.module';
export * from './billing-products';
export * from './billing.service';
export * from './entities/billing-customer.entity';
export * from './entities/pro-subscription.entity';
export * from './entities/stripe-event.entity';
