import { ToolsModule } from '@huntkit/api/tools';
import { Module } from '@nestjs/common';
import { WorkflowVersion } from './entities/workflow-version.entity';
import { Workflow } from './entities/workflow.entity';
import { WorkflowChecks } from './workflow-checks';
import { WorkflowsController } from './workflows.controller';
import { WorkflowsService } from './workflows.service';

export const WORKFLOW_ENTITIES = [Workflow, WorkflowVersion];

/** Workflows: saved graphs of tools, their versions, files and templates. */
@Module({
  imports: [ToolsModule],
  controllers: [WorkflowsController],
  providers: [WorkflowChecks, WorkflowsService],
  exports: [WorkflowsService, WorkflowChecks],
})
export class WorkflowsModule {}
