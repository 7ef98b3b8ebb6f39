import { AuditWriterModule } from '@huntkit/api/audit';
import { CreditsLedgerModule } from '@huntkit/api/credits';
import { MailModule } from '@huntkit/api/mail';
import { UsersModule } from '@huntkit/api/users';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module } from '@nestjs/common';
import { AdminProController, BillingController } from './billing.controller';
import { BillingMails } from './billing-mails';
import { BillingService } from './billing.service';
import { BillingCustomer } from './entities/billing-customer.entity';
import { ProSubscription } from './entities/pro-subscription.entity';
import { StripeEvent } from './entities/stripe-event.entity';
import { StripeClient } from './stripe-client';
import { StripeWebhooks } from './stripe-webhooks.service';

export const BILLING_ENTITIES = [BillingCustomer, ProSubscription, StripeEvent];

/** Pro and credit packs through Stripe; without Stripe keys every purchase answers "not configured". */
@Module({
  imports: [
    UsersModule,
    CreditsLedgerModule,
    AuditWriterModule,
    MailModule,
    MikroOrmModule.forFeature(BILLING_ENTITIES),
  ],
  controllers: [BillingController, AdminProController],
  providers: [StripeClient, BillingService, StripeWebhooks, BillingMails],
  exports: [BillingService],
})
export class BillingModule {}
