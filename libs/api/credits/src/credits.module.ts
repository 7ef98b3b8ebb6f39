import { AuditWriterModule } from '@huntkit/api/audit';
import { APP_CONFIG, type AppConfig, JobSchedules, QueueName } from '@huntkit/api/core';
import { MailModule } from '@huntkit/api/mail';
import { UsersModule } from '@huntkit/api/users';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { BullModule, InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { CreditsHistoryService } from './credits-history.service';
import { AdminCreditsController, CreditsController } from './credits.controller';
import { CreditsService } from './credits.service';
import { CreditAccount } from './entities/credit-account.entity';
import { CreditBucket } from './entities/credit-bucket.entity';
import { CreditLedgerEntry } from './entities/credit-ledger-entry.entity';
import { CreditReservation } from './entities/credit-reservation.entity';
import { CreditHoldOwners } from './holds/credit-hold-owners';
import { CreditHoldSweeper } from './holds/credit-hold-sweeper';
import { CreditsInvariant } from './holds/credits-invariant';
import { LowCreditsAlert } from './low-credits-alert';

export const CREDIT_ENTITIES = [CreditAccount, CreditBucket, CreditLedgerEntry, CreditReservation];

/**
 * The ledger, holds and the invariant, without HTTP: what other features and the worker use. Features
 * that pay for work with holds register it with CreditHoldOwners.
 */
@Module({
  imports: [UsersModule, AuditWriterModule, MailModule, MikroOrmModule.forFeature(CREDIT_ENTITIES)],
  providers: [
    CreditsService,
    CreditsHistoryService,
    LowCreditsAlert,
    CreditHoldOwners,
    CreditHoldSweeper,
    CreditsInvariant,
  ],
  exports: [CreditsService, CreditsHistoryService, CreditHoldOwners, CreditHoldSweeper, CreditsInvariant],
})
export class CreditsLedgerModule {}

/** The ledger and its HTTP API. */
@Module({
  imports: [CreditsLedgerModule, UsersModule],
  controllers: [CreditsController, AdminCreditsController],
  exports: [CreditsLedgerModule],
})
export class CreditsModule {}

export const EXPIRE_CREDITS_JOB = 'expire-credits';
export const SWEEP_CREDIT_HOLDS_JOB = 'sweep-credit-holds';

@Injectable()
@Processor(QueueName.credits)
export class CreditsJobsProcessor extends WorkerHost {
  private readonly logger = new Logger('CreditsJobs');

  constructor(
    private readonly credits: CreditsService,
    private readonly sweeper: CreditHoldSweeper,
  ) {
    super();
  }

  async process(job: Job): Promise<{ expired: number } | { released: number }> {
    if (job.name === EXPIRE_CREDITS_JOB) return { expired: await this.credits.expireDue() };
    if (job.name === SWEEP_CREDIT_HOLDS_JOB) return { released: (await this.sweeper.sweep()).length };
    this.logger.warn(`unknown credits job ${job.name}`);
    throw new Error(`unknown job ${job.name}`);
  }
}

/**
 * Worker side, each once per cluster (BullMQ job schedulers): every 15 minutes, writes off credits
 * whose bucket expired (yesterday's free credits at each user's midnight, Pro credits at period end);
 * every CREDIT_SWEEP_MINUTES, gives back holds a crash left behind. Reads never depend on either:
 * expired buckets are ignored, and today's free credits are granted on first use.
 */
@Module({
  imports: [CreditsLedgerModule, BullModule.registerQueue({ name: QueueName.credits })],
  providers: [CreditsJobsProcessor],
})
export class CreditsJobsModule implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(QueueName.credits) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly schedules: JobSchedules,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.schedules.keep(
      this.queue,
      EXPIRE_CREDITS_JOB,
      { every: 15 * 60_000 },
      { name: EXPIRE_CREDITS_JOB },
    );
    await this.schedules.keep(
      this.queue,
      SWEEP_CREDIT_HOLDS_JOB,
      { every: this.config.credits.sweepEveryMs },
      { name: SWEEP_CREDIT_HOLDS_JOB },
    );
  }
}
