import { parse, stringify } from 'yaml';
import type { GraphProblem } from './graph-problems';
import type { WorkflowGraph } from './workflow-graph';

/** The first line of every exported file: what it is, and which version of the format. */
export const WORKFLOW_FILE_FORMAT = 'huntkit/workflow@1';
export const WORKFLOW_FILE_MAX_BYTES = 256 * 1024;

export interface WorkflowFile {
  name: string;
  description: string;
  graph: WorkflowGraph;
}

/**
 * A workflow as a file a person can read, diff and keep in git: YAML by default (JSON on request), with
 * nodes and edges in the same shape as the API's graph. Positions stay in, so a re-import looks the same.
 */
export function serializeWorkflowFile(file: WorkflowFile, format: 'yaml' | 'json' = 'yaml'): string {
  const document = {
    format: WORKFLOW_FILE_FORMAT,
    name: file.name,
    ...(file.description ? { description: file.description } : {}),
    nodes: file.graph.nodes,
    edges: file.graph.edges,
    ...(file.graph.viewport ? { viewport: file.graph.viewport } : {}),
  };
  return format === 'json' ? `${JSON.stringify(document, null, 2)}\n` : stringify(document, { lineWidth: 0 });
}

/**
 * Reads an exported file (YAML or JSON: YAML reads both). Returns the parts for the graph validator, or
 * the problems that stop it being read at all. Aliases are capped so a small file cannot expand huge.
 */
export function parseWorkflowFile(
  text: string,
):
  | { ok: true; name: unknown; description: unknown; graph: unknown }
  | { ok: false; problems: GraphProblem[] } {
  const fail = (code: string, message: string, pointer = '') => ({
    ok: false as const,
    problems: [{ pointer, code, message, nodeIds: [] }],
  });
  if (new TextEncoder().encode(text).length > WORKFLOW_FILE_MAX_BYTES)
    return fail('file_too_large', `A workflow file has at most ${WORKFLOW_FILE_MAX_BYTES / 1024} KB.`);
  let document: unknown;
  try {
    document = parse(text, { maxAliasCount: 50, uniqueKeys: true });
  } catch (error) {
    return fail('file_unreadable', `This is not YAML or JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document))
    return fail('file_unreadable', 'A workflow file is a mapping with format, name, nodes and edges.');
  const fields = document as Record<string, unknown>;
  if (fields['format'] !== WORKFLOW_FILE_FORMAT)
    return fail('file_format', `The first field is "format: ${WORKFLOW_FILE_FORMAT}".`, '/format');
  return {
    ok: true,
    name: fields['name'],
    description: fields['description'] ?? '',
    graph: { nodes: fields['nodes'], edges: fields['edges'], viewport: fields['viewport'] },
  };
}
