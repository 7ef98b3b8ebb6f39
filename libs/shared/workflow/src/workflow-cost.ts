import type { ToolCatalog } from './graph-rules';
import { topologicalOrder } from './graph-rules';
import { type WorkflowGraph, WORKFLOW_LIMITS } from './workflow-graph';

export interface NodeCostEstimate {
  nodeId: string;
  /** Credits one run of the node's tool costs. */
  costPerRun: number;
  /** How many runs it will start: exactly `max` when `exact`, otherwise anywhere from 0 to `max`. */
  runs: { max: number; exact: boolean };
}

export interface WorkflowCostEstimate {
  /** What the nodes whose run count is known now will cost. */
  exact: number;
  /** The most the whole workflow can cost: fan-out nodes at their cap. */
  upperBound: number;
  nodes: NodeCostEstimate[];
}

/**
 * The cost shown before launching. A tool node with no input runs once; one fed straight from input
 * nodes runs once per target; anything fed by another tool's results (or through a filter) depends on
 * what is found, so it counts at its fan-out cap in the upper bound.
 */
export function estimateCost(
  graph: WorkflowGraph,
  catalog: ToolCatalog,
  fanOutCap: number = WORKFLOW_LIMITS.fanOut,
): WorkflowCostEstimate {
  const order = topologicalOrder(graph) ?? graph.nodes.map((node) => node.id);
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  /** Most items each node gives out, and whether that count is known before running. */
  const items = new Map<string, { max: number; exact: boolean }>();
  const nodes: NodeCostEstimate[] = [];
  for (const id of order) {
    const node = byId.get(id);
    if (!node) continue;
    const fed = graph.edges.filter((edge) => edge.target === id).map((edge) => items.get(edge.source));
    const incoming = {
      max: fed.reduce((sum, count) => sum + (count?.max ?? fanOutCap), 0),
      exact: fed.every((count) => count?.exact === true),
    };
    if (node.type === 'input') items.set(id, { max: node.targets.length, exact: true });
    else if (node.type === 'filter') {
      const max = node.filter.type === 'first' ? Math.min(node.filter.count, incoming.max) : incoming.max;
      items.set(id, { max, exact: false });
    } else {
      const runs =
        fed.length === 0
          ? { max: 1, exact: true }
          : { max: Math.min(incoming.max, fanOutCap), exact: incoming.exact };
      nodes.push({ nodeId: id, costPerRun: catalog.get(node.toolId)?.cost ?? 0, runs });
      items.set(id, { max: fanOutCap, exact: false });
    }
  }
  return {
    exact: nodes
      .filter((node) => node.runs.exact)
      .reduce((sum, node) => sum + node.runs.max * node.costPerRun, 0),
    upperBound: nodes.reduce((sum, node) => sum + node.runs.max * node.costPerRun, 0),
    nodes,
  };
}
