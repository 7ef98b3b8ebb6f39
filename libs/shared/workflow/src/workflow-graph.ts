/**
 * What flows along a workflow's edges: the kinds of result the tools produce. An edge carries the
 * items of one kind from a node's output to another node's input.
 */
export const ITEM_KINDS = [
  'host',
  'port',
  'service',
  'url',
  'certificate',
  'header',
  'dns-record',
  'path',
  'finding',
] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** The kinds a person can type into an input node, one target per line. */
export const INPUT_KINDS = ['host', 'url'] as const satisfies readonly ItemKind[];
export type InputKind = (typeof INPUT_KINDS)[number];

export const SEVERITY_ORDER = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type SeverityLevel = (typeof SEVERITY_ORDER)[number];

export type FilterSpec =
  /** Hosts with at least one address (as found, or resolved when the filter runs). */
  | { type: 'resolves' }
  /** URLs and paths whose HTTP status is one of these. */
  | { type: 'status'; statuses: number[] }
  /** Ports and services on one of these port numbers. */
  | { type: 'ports'; ports: number[] }
  /** Findings at this severity or above. */
  | { type: 'severity'; atLeast: SeverityLevel }
  /** Items whose key matches this regular expression (JavaScript syntax, case-insensitive). */
  | { type: 'match'; pattern: string }
  /** Each distinct item once. */
  | { type: 'dedupe' }
  /** The first N items, in the order they arrived. */
  | { type: 'first'; count: number };
export type FilterType = FilterSpec['type'];

interface NodeBase {
  /** Unique within the workflow; letters, digits, `-` and `_` (kept short: it appears in files). */
  id: string;
  label?: string;
  position: { x: number; y: number };
}

export interface InputNode extends NodeBase {
  type: 'input';
  kind: InputKind;
  targets: string[];
}

/** How a tool node fed N items runs: once per item (fan-out), or once over the whole list. */
export type FanOut = 'each' | 'list';

export interface ToolNode extends NodeBase {
  type: 'tool';
  toolId: string;
  /** The tool's settings, as on the Tools page; the target field comes from the input edge. */
  config: Record<string, unknown>;
  fanOut?: FanOut;
}

export interface FilterNode extends NodeBase {
  type: 'filter';
  filter: FilterSpec;
}

export type WorkflowNode = InputNode | ToolNode | FilterNode;
export type WorkflowNodeType = WorkflowNode['type'];

export interface WorkflowEdge {
  id: string;
  source: string;
  /** The output of `source` this edge takes: one item kind. */
  kind: ItemKind;
  target: string;
}

export interface WorkflowGraph {
  nodes: WorkflowNode[];
  edges: WorkflowEdge[];
  /** Where the editor's camera was when it was saved. */
  viewport?: { x: number; y: number; zoom: number };
}

export const WORKFLOW_LIMITS = {
  nodes: 50,
  edges: 200,
  /** Targets in one input node. */
  targets: 500,
  /** Runs one fan-out node may start in one workflow run. */
  fanOut: 100,
  nodeIdLength: 40,
  labelLength: 80,
  patternLength: 200,
} as const;

/** How a tool takes its target and which item kinds it can turn into one. */
export interface ToolPorts {
  id: string;
  name: string;
  cost: number;
  /** The config field the incoming items fill (`target`, `url`, `domain`). */
  inputField: string;
  accepts: readonly ItemKind[];
  produces: readonly ItemKind[];
  /** Whether the tool can take a whole list in one run (`fanOut: 'list'`). */
  takesList: boolean;
}
