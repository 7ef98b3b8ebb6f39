import { BillingModule } from '@huntkit/api/billing';
import { QueueName } from '@huntkit/api/core';
import { ToolRunLaunchModule, ToolsModule } from '@huntkit/api/tools';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { WorkflowVersion } from './entities/workflow-version.entity';
import { Workflow } from './entities/workflow.entity';
import { WorkflowRunNode } from './runs/entities/workflow-run-node.entity';
import { WorkflowRun } from './runs/entities/workflow-run.entity';
import { WorkflowEngine } from './runs/workflow-engine';
import { WorkflowRunEvents } from './runs/workflow-run-events';
import { WorkflowRunsController } from './runs/workflow-runs.controller';
import { WorkflowRunsService } from './runs/workflow-runs.service';
import { WorkflowRunsWorker } from './runs/workflow-runs-worker';
import { WorkflowChecks } from './workflow-checks';
import { WorkflowsController } from './workflows.controller';
import { WorkflowsService } from './workflows.service';

export const WORKFLOW_ENTITIES = [Workflow, WorkflowVersion, WorkflowRun, WorkflowRunNode];

const QUEUE = BullModule.registerQueue({ name: QueueName.workflows });

/** Workflows over HTTP: saved graphs, their versions, files and templates, and their runs. */
@Module({
  imports: [ToolsModule, MikroOrmModule.forFeature(WORKFLOW_ENTITIES), QUEUE],
  controllers: [WorkflowsController, WorkflowRunsController],
  providers: [WorkflowChecks, WorkflowsService, WorkflowRunsService, WorkflowRunEvents],
  exports: [WorkflowsService, WorkflowChecks],
})
export class WorkflowsModule {}

/** Worker side: the engine that runs workflows, step by step, from the queue. */
@Module({
  imports: [ToolRunLaunchModule, BillingModule, MikroOrmModule.forFeature(WORKFLOW_ENTITIES), QUEUE],
  providers: [WorkflowEngine, WorkflowRunEvents, WorkflowRunsWorker],
})
export class WorkflowRunsJobsModule {}
