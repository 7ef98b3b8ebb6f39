export * from './workflows.module';
export * from './workflows.service';
export { Workflow } from './entities/workflow.entity';
export { WorkflowVersion } from './entities/workflow-version.entity';
