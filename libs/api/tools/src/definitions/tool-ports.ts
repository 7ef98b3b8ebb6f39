import type { ToolCatalog, ToolPorts } from '@huntkit/shared/workflow';
import type { ToolDefinition } from './tool-definition';
import { TOOL_REGISTRY } from './tool-registry';

/** What a workflow needs to know of a tool: its input, outputs and price. */
export function toolPorts(tool: ToolDefinition, cost = tool.cost): ToolPorts {
  return {
    id: tool.id,
    name: tool.name,
    cost,
    inputField: tool.input.field,
    accepts: tool.input.accepts,
    produces: tool.produces,
    // Every tool takes one target per run today; one that takes a list says so here.
    takesList: false,
  };
}

/** The registry as workflow rules see it, at the default prices. */
export const REGISTRY_PORTS: ToolCatalog = new Map(TOOL_REGISTRY.map((tool) => [tool.id, toolPorts(tool)]));
