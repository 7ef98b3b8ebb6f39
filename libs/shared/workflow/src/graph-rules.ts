import { filterDefinition } from './filters';
import { type GraphShape, readGraphShape } from './graph-shape';
import type { ItemKind, ToolPorts, WorkflowEdge, WorkflowGraph, WorkflowNode } from './workflow-graph';

export type ToolCatalog = ReadonlyMap<string, ToolPorts>;

const nameOf = (node: WorkflowNode, catalog: ToolCatalog) =>
  node.label ??
  (node.type === 'tool'
    ? (catalog.get(node.toolId)?.name ?? node.toolId)
    : node.type === 'filter'
      ? (filterDefinition(node.filter.type)?.name ?? 'Filter')
      : 'Targets');

/** The kinds a node can take in (nothing, for an input node). */
export function acceptedKinds(node: WorkflowNode, catalog: ToolCatalog): readonly ItemKind[] {
  if (node.type === 'input') return [];
  if (node.type === 'tool') return catalog.get(node.toolId)?.accepts ?? [];
  return filterDefinition(node.filter.type)?.accepts ?? [];
}

/** The kinds a node gives out; a filter gives out what it is fed (all its inputs carry one kind). */
export function producedKinds(
  node: WorkflowNode,
  graph: WorkflowGraph,
  catalog: ToolCatalog,
): readonly ItemKind[] {
  if (node.type === 'input') return [node.kind];
  if (node.type === 'tool') return catalog.get(node.toolId)?.produces ?? [];
  const fed = graph.edges.find((edge) => edge.target === node.id);
  return fed ? [fed.kind] : (filterDefinition(node.filter.type)?.accepts ?? []);
}

/** Node ids in an order where every node comes after all it depends on; null when there is a cycle. */
export function topologicalOrder(graph: Pick<WorkflowGraph, 'nodes' | 'edges'>): string[] | null {
  const waiting = new Map(graph.nodes.map((node) => [node.id, 0]));
  for (const edge of graph.edges) waiting.set(edge.target, (waiting.get(edge.target) ?? 0) + 1);
  const ready = [...waiting].filter(([, count]) => count === 0).map(([id]) => id);
  const order: string[] = [];
  while (ready.length) {
    const id = ready.shift() as string;
    order.push(id);
    for (const edge of graph.edges.filter((candidate) => candidate.source === id)) {
      const left = (waiting.get(edge.target) ?? 0) - 1;
      waiting.set(edge.target, left);
      if (left === 0) ready.push(edge.target);
    }
  }
  return order.length === waiting.size ? order : null;
}

/** Whether `to` can be reached from `from` along the edges. */
function reaches(graph: WorkflowGraph, from: string, to: string): boolean {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length) {
    const id = stack.pop() as string;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const edge of graph.edges) if (edge.source === id) stack.push(edge.target);
  }
  return false;
}

export interface ConnectionProblem {
  code:
    | 'unknown_node'
    | 'self_connection'
    | 'into_input'
    | 'kind_not_produced'
    | 'kind_not_accepted'
    | 'filter_mixed_kinds'
    | 'duplicate_connection'
    | 'cycle';
  message: string;
}

/**
 * Why a connection from `source`'s `kind` output to `target` may not be made, or null when it may.
 * The editor asks while a connection is dragged; `validateGraph` asks the same of every saved edge.
 */
export function connectionProblem(
  graph: WorkflowGraph,
  catalog: ToolCatalog,
  connection: Pick<WorkflowEdge, 'source' | 'kind' | 'target'> & { id?: string },
  { loops = true }: { loops?: boolean } = {},
): ConnectionProblem | null {
  const fail = (code: ConnectionProblem['code'], message: string) => ({ code, message });
  const source = graph.nodes.find((node) => node.id === connection.source);
  const target = graph.nodes.find((node) => node.id === connection.target);
  if (!source) return fail('unknown_node', `There is no node "${connection.source}".`);
  if (!target) return fail('unknown_node', `There is no node "${connection.target}".`);
  const others = { ...graph, edges: graph.edges.filter((edge) => edge.id !== connection.id) };
  const from = nameOf(source, catalog);
  const to = nameOf(target, catalog);
  if (source.id === target.id) return fail('self_connection', `${from} cannot feed itself.`);
  if (target.type === 'input')
    return fail('into_input', `${to} is where targets start: nothing connects into it.`);
  if (!producedKinds(source, others, catalog).includes(connection.kind))
    return fail('kind_not_produced', `${from} gives no ${connection.kind} results.`);
  const accepted = acceptedKinds(target, catalog);
  if (!accepted.includes(connection.kind))
    return fail(
      'kind_not_accepted',
      `${to} cannot take ${connection.kind} results; it takes ${accepted.join(', ') || 'nothing'}.`,
    );
  if (target.type === 'filter') {
    // A saved edge answers to the edges before it, so a filter fed two kinds is named once.
    const saved = graph.edges.findIndex((edge) => edge.id === connection.id);
    const earlier = saved >= 0 ? graph.edges.slice(0, saved) : others.edges;
    const fed = earlier.find((edge) => edge.target === target.id && edge.kind !== connection.kind);
    if (fed)
      return fail(
        'filter_mixed_kinds',
        `${to} already filters ${fed.kind} results; a filter takes one kind.`,
      );
  }
  const same = (edge: WorkflowEdge) =>
    edge.source === source.id && edge.target === target.id && edge.kind === connection.kind;
  if (others.edges.some(same))
    return fail('duplicate_connection', `${from} already feeds ${to} its ${connection.kind} results.`);
  if (loops && reaches(others, target.id, source.id))
    return fail('cycle', `${to} already leads to ${from}: this connection would make a loop.`);
  return null;
}

/**
 * Every problem with a workflow graph read from untrusted input, each naming its nodes: the shape
 * (`readGraphShape`), unknown tools, ids used twice, connections between kinds that do not fit,
 * filters with nothing to filter, and loops. An empty list means the graph can be saved and run.
 */
export function validateGraph(input: unknown, catalog: ToolCatalog): GraphShape {
  const { graph, problems, positions } = readGraphShape(input);
  const add = (pointer: string, code: string, message: string, nodeIds: string[]) =>
    problems.push({ pointer, code, message, nodeIds });

  const seen = new Set<string>();
  graph.nodes.forEach((node, index) => {
    if (seen.has(node.id))
      add(`/nodes/${positions.nodes[index]}/id`, 'duplicate_node_id', `Two nodes are called "${node.id}".`, [
        node.id,
      ]);
    seen.add(node.id);
    if (node.type !== 'tool') return;
    const tool = catalog.get(node.toolId);
    if (!tool)
      add(`/nodes/${positions.nodes[index]}/toolId`, 'unknown_tool', `There is no tool "${node.toolId}".`, [
        node.id,
      ]);
    else if (node.fanOut === 'list' && !tool.takesList)
      add(
        `/nodes/${positions.nodes[index]}/fanOut`,
        'list_not_supported',
        `${tool.name} takes one target per run.`,
        [node.id],
      );
  });

  const edgeIds = new Set<string>();
  const unknownTools = new Set(
    graph.nodes.filter((node) => node.type === 'tool' && !catalog.has(node.toolId)).map((node) => node.id),
  );
  /** Edges with nothing wrong of their own: the only ones a loop is looked for in. */
  const sound: WorkflowEdge[] = [];
  graph.edges.forEach((edge, index) => {
    if (edgeIds.has(edge.id))
      add(
        `/edges/${positions.edges[index]}/id`,
        'duplicate_edge_id',
        `Two connections are called "${edge.id}".`,
        [],
      );
    edgeIds.add(edge.id);
    // An unknown tool is named once, on its node, not again on each of its connections.
    if (unknownTools.has(edge.source) || unknownTools.has(edge.target)) return;
    const problem = connectionProblem(graph, catalog, edge, { loops: false });
    if (problem)
      add(`/edges/${positions.edges[index]}`, problem.code, problem.message, [edge.source, edge.target]);
    else sound.push(edge);
  });

  const checked = { ...graph, edges: sound };
  if (!topologicalOrder(checked)) {
    const inLoop = graph.nodes
      .filter((node) =>
        sound.some((edge) => edge.source === node.id && reaches(checked, edge.target, node.id)),
      )
      .map((node) => node.id);
    add('/edges', 'cycle', `These nodes feed each other in a loop: ${inLoop.join(', ')}.`, inLoop);
  }

  graph.nodes.forEach((node, index) => {
    if (node.type === 'filter' && !graph.edges.some((edge) => edge.target === node.id))
      add(
        `/nodes/${positions.nodes[index]}`,
        'filter_unconnected',
        `${nameOf(node, catalog)} has nothing to filter: connect an input.`,
        [node.id],
      );
  });
  if (graph.nodes.length > 0 && !graph.nodes.some((node) => node.type === 'tool'))
    add('/nodes', 'no_tools', 'A workflow runs at least one tool.', []);
  return { graph, problems, positions };
}
