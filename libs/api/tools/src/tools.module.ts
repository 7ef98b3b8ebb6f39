import { AuditWriterModule } from '@huntkit/api/audit';
import { BillingModule } from '@huntkit/api/billing';
import { QueueName } from '@huntkit/api/core';
import { CreditsLedgerModule } from '@huntkit/api/credits';
import { MailModule } from '@huntkit/api/mail';
import { UsersModule } from '@huntkit/api/users';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ToolSetting } from './entities/tool-setting.entity';
import { ToolRunResult } from './runs/entities/tool-run-result.entity';
import { ToolRun } from './runs/entities/tool-run.entity';
import { ProgramReporter } from './runs/program-reports';
import { RunExecutor } from './runs/run-executor';
import { ToolRunHolds } from './runs/run-credit-holds';
import { RunFinishedMail } from './runs/run-finished-mail';
import { RunFinisher } from './runs/run-finisher';
import { RunStreamHub } from './runs/run-stream-hub';
import { RunStreamService } from './runs/run-stream.service';
import { RunsController } from './runs/runs.controller';
import { RunsService } from './runs/runs.service';
import { ToolRunsWorker } from './runs/tool-runs-worker';
import { ToolCatalogService } from './tool-catalog.service';
import { AdminToolsController, ToolsController } from './tools.controller';

export const TOOL_ENTITIES = [ToolSetting, ToolRun, ToolRunResult];

/** Tool runs as payers of credit holds, registered once per process whichever side loads them. */
@Module({
  imports: [CreditsLedgerModule, MikroOrmModule.forFeature(TOOL_ENTITIES)],
  providers: [ToolRunHolds],
})
export class ToolRunHoldsModule {}

/** The tool catalog and launching runs, without HTTP: the API's tools pages and the workflow engine. */
@Module({
  imports: [
    AuditWriterModule,
    CreditsLedgerModule,
    ToolRunHoldsModule,
    BillingModule,
    MikroOrmModule.forFeature(TOOL_ENTITIES),
    BullModule.registerQueue({ name: QueueName.toolRuns }),
  ],
  providers: [ToolCatalogService, RunsService],
  exports: [ToolCatalogService, RunsService],
})
export class ToolRunLaunchModule {}

/** The tool catalog (definitions in code, admin settings in the database) and runs over HTTP. */
@Module({
  imports: [ToolRunLaunchModule, MikroOrmModule.forFeature(TOOL_ENTITIES)],
  controllers: [ToolsController, AdminToolsController, RunsController],
  providers: [RunStreamService, RunStreamHub],
  exports: [ToolRunLaunchModule],
})
export class ToolsModule {}

/** Worker side: runs the tools, reports the installed programs, purges old output. */
@Module({
  imports: [
    CreditsLedgerModule,
    ToolRunHoldsModule,
    UsersModule,
    MailModule,
    MikroOrmModule.forFeature(TOOL_ENTITIES),
    BullModule.registerQueue({ name: QueueName.toolRuns }),
  ],
  providers: [RunExecutor, RunFinisher, RunFinishedMail, ToolRunsWorker, ProgramReporter],
  exports: [RunExecutor],
})
export class ToolRunsJobsModule {}
