// What the apps and the other libs use: the modules, the services, the tool registry and its types.
// Runners and their engines stay inside; apps/bench reaches the few it measures through
// '@huntkit/api/tools/benchmarking'.
export * from './tools.module';
export * from './tool-catalog.service';
export type { RegisteredTool, ResultKind, ToolDefinition } from './definitions/tool-definition';
export { findTool, TOOL_REGISTRY } from './definitions/tool-registry';
export * from './runs/runs.service';
export { REGISTRY_PORTS, toolPorts } from './definitions/tool-ports';
export { hostProblem, validateToolConfig } from './runs/config-validation';
export { HOST_TARGET, URL_TARGET } from './definitions/tool-definition';
export { ToolRun } from './runs/entities/tool-run.entity';
export { ToolRunResult } from './runs/entities/tool-run-result.entity';
export { RunFinishedEvent } from './runs/run-finisher';
