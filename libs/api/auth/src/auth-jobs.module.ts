import { AuditWriterModule } from '@huntkit/api/audit';
import { JobSchedules, QueueName } from '@huntkit/api/core';
import { MfaModule, MfaService } from '@huntkit/api/mfa';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { BullModule, InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Module, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { ApiTokensService } from './api-tokens/api-tokens.service';
import { EmailTokens } from './email-tokens.service';
import { ApiToken } from './entities/api-token.entity';
import { EmailToken } from './entities/email-token.entity';

export const PURGE_CREDENTIALS_JOB = 'purge-ended-credentials';

/** Revoked or expired API tokens stay listed in the owner's history this long before deletion. */
export const ENDED_API_TOKEN_RETENTION_MS = 30 * 24 * 3600 * 1000;

export interface PurgeCredentialsResult {
  emailTokens: number;
  apiTokens: number;
  mfaChallenges: number;
}

@Injectable()
@Processor(QueueName.auth)
export class AuthPurgeProcessor extends WorkerHost {
  constructor(
    private readonly emailTokens: EmailTokens,
    private readonly apiTokens: ApiTokensService,
    private readonly mfa: MfaService,
  ) {
    super();
  }

  async process(job: Job): Promise<PurgeCredentialsResult> {
    if (job.name !== PURGE_CREDENTIALS_JOB) throw new Error(`unknown job ${job.name}`);
    const now = Date.now();
    return {
      // A used link is dead anyway; expired ones can go at once (every link expires within a day).
      emailTokens: await this.emailTokens.purgeExpired(new Date(now)),
      apiTokens: await this.apiTokens.purgeEnded(new Date(now - ENDED_API_TOKEN_RETENTION_MS)),
      mfaChallenges: await this.mfa.purgeExpiredChallenges(new Date(now)),
    };
  }
}

/** Worker side: deletes dead mail links, expired sign-in challenges and long-ended API tokens daily, once per cluster. */
@Module({
  imports: [
    AuditWriterModule,
    MfaModule,
    MikroOrmModule.forFeature([EmailToken, ApiToken]),
    BullModule.registerQueue({ name: QueueName.auth }),
  ],
  providers: [EmailTokens, ApiTokensService, AuthPurgeProcessor],
})
export class AuthJobsModule implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(QueueName.auth) private readonly queue: Queue,
    private readonly schedules: JobSchedules,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.schedules.keep(
      this.queue,
      PURGE_CREDENTIALS_JOB,
      { every: 24 * 3600_000 },
      { name: PURGE_CREDENTIALS_JOB },
    );
  }
}
