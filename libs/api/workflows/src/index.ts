export * from './workflows.module';
export * from './workflows.service';
export { Workflow } from './entities/workflow.entity';
export { WorkflowVersion } from './entities/workflow-version.entity';
export { WorkflowRun } from './runs/entities/workflow-run.entity';
export { WorkflowRunNode } from './runs/entities/workflow-run-node.entity';
export { WorkflowEngine } from './runs/workflow-engine';
