import type { FieldError } from '@huntkit/api/core';
import {
  type CatalogTool,
  hostProblem,
  ToolCatalogService,
  toolPorts,
  URL_TARGET,
  validateToolConfig,
} from '@huntkit/api/tools';
import {
  estimateCost,
  type GraphProblem,
  type ToolCatalog,
  validateGraph,
  type WorkflowCostEstimate,
  type WorkflowGraph,
} from '@huntkit/shared/workflow';
import { Injectable } from '@nestjs/common';

type ConfigSchema = CatalogTool['configSchema'];

export interface LoadedCatalog {
  tools: Map<string, CatalogTool>;
  ports: ToolCatalog;
}

export interface CheckedGraph {
  /** The graph as it will be stored: tool settings with their defaults applied. */
  graph: WorkflowGraph;
  problems: GraphProblem[];
  estimate: WorkflowCostEstimate;
}

const URL_ONLY: ConfigSchema = {
  type: 'object',
  required: ['url'],
  additionalProperties: false,
  properties: { url: URL_TARGET },
};

/** A tool's schema without the field a workflow connection fills (memoized: the validator caches by schema). */
const withoutInput = new WeakMap<ConfigSchema, ConfigSchema>();
function fedSchema(tool: CatalogTool): ConfigSchema {
  let schema = withoutInput.get(tool.configSchema);
  if (!schema) {
    const { [tool.input.field]: _filled, ...properties } = tool.configSchema.properties;
    schema = {
      ...tool.configSchema,
      required: (tool.configSchema.required ?? []).filter((field) => field !== tool.input.field),
      properties,
    };
    withoutInput.set(tool.configSchema, schema);
  }
  return schema;
}

/**
 * Everything a workflow must pass before it is saved, imported or run: the graph rules shared with the
 * editor (`validateGraph`), then each tool node's settings against its tool's schema (without the
 * field its connection fills) and each typed target against the same checks as the Tools page.
 */
@Injectable()
export class WorkflowChecks {
  constructor(private readonly catalog: ToolCatalogService) {}

  /** The catalog as the checks need it; load it once to check many graphs. */
  async catalogPorts(): Promise<LoadedCatalog> {
    const tools = new Map((await this.catalog.list()).map((tool) => [tool.id, tool]));
    return { tools, ports: new Map([...tools].map(([id, tool]) => [id, toolPorts(tool, tool.cost)])) };
  }

  async check(input: unknown, loaded?: LoadedCatalog): Promise<CheckedGraph> {
    const { tools, ports } = loaded ?? (await this.catalogPorts());
    const { graph, problems, positions } = validateGraph(input, ports);
    graph.nodes.forEach((node, index) => {
      const at = `/nodes/${positions.nodes[index]}`;
      const add = (pointer: string, message: string) =>
        problems.push({
          pointer: `${at}${pointer}`,
          code: 'node_settings_invalid',
          message,
          nodeIds: [node.id],
        });
      if (node.type === 'input') {
        node.targets.forEach((target, line) => {
          const problem =
            node.kind === 'host'
              ? hostProblem(target)
              : (() => {
                  const checked = validateToolConfig(URL_ONLY, { url: target });
                  return checked.ok ? null : (checked.errors[0]?.detail ?? 'Not a URL.');
                })();
          if (problem) add(`/targets/${line}`, `Line ${line + 1} (${target.slice(0, 80)}): ${problem}`);
        });
        return;
      }
      if (node.type !== 'tool') return;
      const tool = tools.get(node.toolId);
      if (!tool) return;
      const fed = graph.edges.some((edge) => edge.target === node.id);
      // A fed node's own target is ignored (the connection fills it), as in a file edited by hand.
      const { [tool.input.field]: _filled, ...rest } = node.config;
      const checked = validateToolConfig(fed ? fedSchema(tool) : tool.configSchema, fed ? rest : node.config);
      if (checked.ok) node.config = checked.config;
      else
        for (const error of checked.errors as FieldError[])
          add(error.pointer, `${tool.name}: ${error.detail}`);
    });
    return { graph, problems, estimate: estimateCost(graph, ports) };
  }
}
