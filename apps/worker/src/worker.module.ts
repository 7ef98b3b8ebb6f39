import { type AppConfig, CoreModule } from '@huntkit/api/core';
import { AuthJobsModule } from '@huntkit/api/auth';
import { CreditsJobsModule } from '@huntkit/api/credits';
import { DATABASE_SCHEMA } from '@huntkit/api/database';
import { HealthJobsModule } from '@huntkit/api/health';
import { MailJobsModule } from '@huntkit/api/mail';
import { SessionsJobsModule } from '@huntkit/api/sessions';
import { ToolRunsJobsModule } from '@huntkit/api/tools';
import { WorkflowRunsJobsModule } from '@huntkit/api/workflows';
import { type DynamicModule, Module } from '@nestjs/common';

/** The worker process: infrastructure plus every feature's queue processors and schedulers. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        CoreModule.forRoot(config, DATABASE_SCHEMA, 'worker'),
        HealthJobsModule,
        MailJobsModule,
        SessionsJobsModule,
        AuthJobsModule,
        CreditsJobsModule,
        ToolRunsJobsModule,
        WorkflowRunsJobsModule,
      ],
    };
  }
}
