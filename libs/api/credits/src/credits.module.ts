import { AuditWriterModule } from '@huntkit/api/audit';
import { APP_CONFIG, type AppConfig, QueueName } from '@huntkit/api/core';
import { MailModule } from '@huntkit/api/mail';
import { UsersModule } from '@huntkit/api/users';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { BullModule, InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Module, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { CreditsHistoryService } from './credits-history.service';
import { AdminCreditsController, CreditsController } from './credits.controller';
import { CREDITS_POLICY, type CreditsPolicy, CreditsService } from './credits.service';
import { CreditAccount } from './entities/credit-account.entity';
import { CreditBucket } from './entities/credit-bucket.entity';
import { CreditLedgerEntry } from './entities/credit-ledger-entry.entity';
import { CreditReservation } from './entities/credit-reservation.entity';
import { LowCreditsAlert } from './low-credits-alert';

export const CREDIT_ENTITIES = [CreditAccount, CreditBucket, CreditLedgerEntry, CreditReservation];

const policyProvider = {
  provide: CREDITS_POLICY,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): CreditsPolicy => ({ dailyFree: config.credits.dailyFree }),
};

/** The ledger and its HTTP API. Other features reserve, settle and release through CreditsService. */
@Module({
  imports: [UsersModule, AuditWriterModule, MailModule, MikroOrmModule.forFeature(CREDIT_ENTITIES)],
  controllers: [CreditsController, AdminCreditsController],
  providers: [CreditsService, CreditsHistoryService, LowCreditsAlert, policyProvider],
  exports: [CreditsService],
})
export class CreditsModule {}

export const EXPIRE_CREDITS_JOB = 'expire-credits';

@Injectable()
@Processor(QueueName.credits)
export class CreditsExpiryProcessor extends WorkerHost {
  constructor(private readonly credits: CreditsService) {
    super();
  }

  async process(job: Job): Promise<{ expired: number }> {
    if (job.name !== EXPIRE_CREDITS_JOB) throw new Error(`unknown job ${job.name}`);
    return { expired: await this.credits.expireDue() };
  }
}

/**
 * Worker side: every 15 minutes, once per cluster, writes off credits whose bucket expired (yesterday's
 * free credits at each user's midnight, Pro credits at period end). Reads never depend on it: expired
 * buckets are ignored, and today's free credits are granted on first use.
 */
@Module({
  imports: [
    UsersModule,
    AuditWriterModule,
    MailModule,
    MikroOrmModule.forFeature(CREDIT_ENTITIES),
    BullModule.registerQueue({ name: QueueName.credits }),
  ],
  providers: [CreditsService, LowCreditsAlert, policyProvider, CreditsExpiryProcessor],
})
export class CreditsJobsModule implements OnApplicationBootstrap {
  constructor(@InjectQueue(QueueName.credits) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      EXPIRE_CREDITS_JOB,
      { every: 15 * 60_000 },
      { name: EXPIRE_CREDITS_JOB },
    );
  }
}
