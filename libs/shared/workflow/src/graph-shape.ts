import { filterDefinition, filterSettingsProblem } from './filters';
import type { GraphProblem } from './graph-problems';
import {
  type FilterSpec,
  INPUT_KINDS,
  ITEM_KINDS,
  type ItemKind,
  type WorkflowEdge,
  type WorkflowGraph,
  type WorkflowNode,
  WORKFLOW_LIMITS,
} from './workflow-graph';

const ID = /^[A-Za-z0-9_-]+$/;
type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isFiniteNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

function idProblem(id: unknown): string | null {
  if (typeof id !== 'string' || id.length === 0) return 'Give it an id.';
  if (id.length > WORKFLOW_LIMITS.nodeIdLength)
    return `An id has at most ${WORKFLOW_LIMITS.nodeIdLength} characters.`;
  return ID.test(id) ? null : 'An id has only letters, digits, - and _.';
}

/**
 * Reads a graph from untrusted JSON (a request body, an imported file), keeping what is well formed and
 * naming everything that is not. What it returns is safe to hand to the rules in `validateGraph`.
 */
export interface GraphShape {
  graph: WorkflowGraph;
  problems: GraphProblem[];
  /** Where each kept node and edge was in the input, for pointers after malformed ones were left out. */
  positions: { nodes: number[]; edges: number[] };
}

export function readGraphShape(input: unknown): GraphShape {
  const problems: GraphProblem[] = [];
  const problem = (pointer: string, code: string, message: string, nodeIds: string[] = []) =>
    problems.push({ pointer, code, message, nodeIds });
  if (!isObject(input)) {
    problem('', 'graph_invalid', 'A workflow graph is an object with nodes and edges.');
    return { graph: { nodes: [], edges: [] }, problems, positions: { nodes: [], edges: [] } };
  }
  const rawNodes = Array.isArray(input['nodes']) ? input['nodes'] : null;
  const rawEdges = Array.isArray(input['edges']) ? input['edges'] : null;
  if (!rawNodes) problem('/nodes', 'graph_invalid', 'Nodes is a list.');
  if (!rawEdges) problem('/edges', 'graph_invalid', 'Edges is a list.');
  if (rawNodes && rawNodes.length > WORKFLOW_LIMITS.nodes)
    problem('/nodes', 'too_many_nodes', `A workflow has at most ${WORKFLOW_LIMITS.nodes} nodes.`);
  if (rawEdges && rawEdges.length > WORKFLOW_LIMITS.edges)
    problem('/edges', 'too_many_edges', `A workflow has at most ${WORKFLOW_LIMITS.edges} connections.`);

  const nodes: WorkflowNode[] = [];
  const positions = { nodes: [] as number[], edges: [] as number[] };
  (rawNodes ?? []).slice(0, WORKFLOW_LIMITS.nodes).forEach((raw: unknown, index) => {
    const pointer = `/nodes/${index}`;
    const node = readNode(raw, (field, message) =>
      problem(
        `${pointer}${field}`,
        'node_invalid',
        message,
        isObject(raw) && typeof raw['id'] === 'string' ? [raw['id']] : [],
      ),
    );
    if (node) {
      nodes.push(node);
      positions.nodes.push(index);
    }
  });

  const edges: WorkflowEdge[] = [];
  (rawEdges ?? []).slice(0, WORKFLOW_LIMITS.edges).forEach((raw: unknown, index) => {
    const read = readEdge(raw);
    if ('edge' in read) {
      edges.push(read.edge);
      positions.edges.push(index);
    } else problem(`/edges/${index}${read.field}`, 'edge_invalid', read.message);
  });

  const viewport = isObject(input['viewport']) ? input['viewport'] : undefined;
  const graph: WorkflowGraph = { nodes, edges };
  if (
    viewport &&
    isFiniteNumber(viewport['x']) &&
    isFiniteNumber(viewport['y']) &&
    isFiniteNumber(viewport['zoom'])
  )
    graph.viewport = {
      x: viewport['x'],
      y: viewport['y'],
      zoom: Math.min(4, Math.max(0.05, viewport['zoom'])),
    };
  return { graph, problems, positions };
}

function readEdge(raw: unknown): { edge: WorkflowEdge } | { field: string; message: string } {
  if (!isObject(raw)) return { field: '', message: 'A connection is an object.' };
  const { id, source, target, kind } = raw;
  const bad = idProblem(id);
  if (bad) return { field: '/id', message: bad };
  if (typeof source !== 'string') return { field: '/source', message: 'Name the node it starts from.' };
  if (typeof target !== 'string') return { field: '/target', message: 'Name the node it goes to.' };
  if (!ITEM_KINDS.includes(kind as ItemKind))
    return { field: '/kind', message: `The kind is one of ${ITEM_KINDS.join(', ')}.` };
  return { edge: { id: id as string, source, target, kind: kind as ItemKind } };
}

function readNode(raw: unknown, problem: (field: string, message: string) => void): WorkflowNode | null {
  if (!isObject(raw)) return (problem('', 'A node is an object.'), null);
  const bad = idProblem(raw['id']);
  if (bad) return (problem('/id', bad), null);
  const id = raw['id'] as string;
  const position = isObject(raw['position']) ? raw['position'] : {};
  const x = isFiniteNumber(position['x']) ? position['x'] : 0;
  const y = isFiniteNumber(position['y']) ? position['y'] : 0;
  const label = raw['label'];
  if (label !== undefined && (typeof label !== 'string' || label.length > WORKFLOW_LIMITS.labelLength))
    return (problem('/label', `A label is text of at most ${WORKFLOW_LIMITS.labelLength} characters.`), null);
  const base = { id, position: { x, y }, ...(label ? { label: label as string } : {}) };

  switch (raw['type']) {
    case 'input': {
      const kind = raw['kind'];
      if (!INPUT_KINDS.includes(kind as (typeof INPUT_KINDS)[number]))
        return (problem('/kind', `Targets are one of ${INPUT_KINDS.join(', ')}.`), null);
      const targets = raw['targets'];
      if (!Array.isArray(targets) || !targets.every((target) => typeof target === 'string'))
        return (problem('/targets', 'Targets are a list of text lines.'), null);
      const lines = targets.map((target: string) => target.trim()).filter(Boolean);
      if (lines.length === 0) return (problem('/targets', 'Give at least one target.'), null);
      if (lines.length > WORKFLOW_LIMITS.targets)
        return (problem('/targets', `An input has at most ${WORKFLOW_LIMITS.targets} targets.`), null);
      if (lines.some((line) => line.length > 2048))
        return (problem('/targets', 'A target has at most 2,048 characters.'), null);
      return { ...base, type: 'input', kind: kind as (typeof INPUT_KINDS)[number], targets: lines };
    }
    case 'tool': {
      if (typeof raw['toolId'] !== 'string') return (problem('/toolId', 'Name the tool.'), null);
      const config = raw['config'] ?? {};
      if (!isObject(config)) return (problem('/config', 'Settings are an object.'), null);
      const fanOut = raw['fanOut'] ?? 'each';
      if (fanOut !== 'each' && fanOut !== 'list')
        return (problem('/fanOut', 'Fan-out is each or list.'), null);
      return { ...base, type: 'tool', toolId: raw['toolId'], config, fanOut };
    }
    case 'filter': {
      const filter = raw['filter'];
      if (
        !isObject(filter) ||
        typeof filter['type'] !== 'string' ||
        !filterDefinition(filter['type'] as never)
      )
        return (problem('/filter/type', 'Choose one of the filters.'), null);
      const settings = filterSettingsProblem(filter as unknown as FilterSpec);
      if (settings) return (problem('/filter', settings), null);
      return { ...base, type: 'filter', filter: pickFilter(filter as unknown as FilterSpec) };
    }
    default:
      return (problem('/type', 'A node is an input, a tool or a filter.'), null);
  }
}

/** Only the fields the filter has, so nothing else an import carried is stored. */
function pickFilter(filter: FilterSpec): FilterSpec {
  switch (filter.type) {
    case 'status':
      return { type: 'status', statuses: [...filter.statuses] };
    case 'ports':
      return { type: 'ports', ports: [...filter.ports] };
    case 'severity':
      return { type: 'severity', atLeast: filter.atLeast };
    case 'match':
      return { type: 'match', pattern: filter.pattern };
    case 'first':
      return { type: 'first', count: filter.count };
    case 'resolves':
    case 'dedupe':
      return { type: filter.type };
  }
}
