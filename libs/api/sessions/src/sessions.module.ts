import { APP_CONFIG, type AppConfig, JobSchedules, QueueName } from '@huntkit/api/core';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { BullModule, InjectQueue } from '@nestjs/bullmq';
import { type DynamicModule, Module, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AccountDeactivatedListener } from './account-deactivated.listener';
import { RefreshToken } from './entities/refresh-token.entity';
import { RecentAuthGuard } from './recent-auth.guard';
import { Session } from './entities/session.entity';
import { PURGE_SESSIONS_JOB, SessionsPurgeProcessor } from './sessions-purge.processor';
import { SESSION_POLICY, type SessionPolicy, SessionsService } from './sessions.service';

@Module({})
export class SessionsModule {
  private static shared?: DynamicModule;

  /**
   * Nest keys dynamic modules by reference, so each call would make another instance: the default
   * policy's module is made once and shared by every feature importing it (one SessionsService, and
   * each event listener registered once). Tests pass a policy and get a module of their own.
   */
  static forRoot(policy: Partial<SessionPolicy> = {}): DynamicModule {
    if (Object.keys(policy).length > 0) return SessionsModule.build(policy);
    return (SessionsModule.shared ??= SessionsModule.build({}));
  }

  private static build(policy: Partial<SessionPolicy>): DynamicModule {
    return {
      module: SessionsModule,
      imports: [MikroOrmModule.forFeature([Session, RefreshToken])],
      providers: [
        SessionsService,
        RecentAuthGuard,
        AccountDeactivatedListener,
        {
          provide: SESSION_POLICY,
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig): SessionPolicy => ({
            lifetimeMs: config.sessions.lifetimeMs,
            reuseGraceMs: config.sessions.refreshGraceMs,
            ...policy,
          }),
        },
      ],
      exports: [SessionsService, RecentAuthGuard],
    };
  }
}

/** Worker side: deletes ended sessions daily; the schedule lives in Redis, so it runs once per cluster. */
@Module({
  imports: [SessionsModule.forRoot(), BullModule.registerQueue({ name: QueueName.sessions })],
  providers: [SessionsPurgeProcessor],
})
export class SessionsJobsModule implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(QueueName.sessions) private readonly queue: Queue,
    private readonly schedules: JobSchedules,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.schedules.keep(
      this.queue,
      'purge-ended-sessions',
      { every: 24 * 3600_000 },
      { name: PURGE_SESSIONS_JOB },
    );
  }
}
