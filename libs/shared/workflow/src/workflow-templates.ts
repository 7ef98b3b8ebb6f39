import type { ItemKind, WorkflowEdge, WorkflowGraph, WorkflowNode } from './workflow-graph';

export interface WorkflowTemplate {
  id: string;
  name: string;
  summary: string;
  graph: WorkflowGraph;
}

const STEP = 280;
const at = (column: number) => ({ x: column * STEP, y: 0 });
const link = (source: string, kind: ItemKind, target: string): WorkflowEdge => ({
  id: `${source}-${kind}-${target}`,
  source,
  kind,
  target,
});
const tool = (
  id: string,
  toolId: string,
  column: number,
  config: Record<string, unknown> = {},
): WorkflowNode => ({
  id,
  type: 'tool',
  toolId,
  config,
  fanOut: 'each',
  position: at(column),
});

/** Pipelines to start from; each is an ordinary graph the editor opens as a new, unsaved workflow. */
export const WORKFLOW_TEMPLATES: readonly WorkflowTemplate[] = [
  {
    id: 'subdomains-to-headers',
    name: 'Subdomains → resolve → HTTP probe → security headers',
    summary:
      'Find a domain’s subdomains, keep the ones that resolve, probe each over HTTP and check its headers.',
    graph: {
      nodes: [
        { id: 'domains', type: 'input', kind: 'host', targets: ['example.com'], position: at(0) },
        tool('subdomains', 'subdomain-discovery', 1),
        { id: 'resolving', type: 'filter', filter: { type: 'resolves' }, position: at(2) },
        tool('probe', 'http-probe', 3),
        tool('headers', 'security-headers', 4),
      ],
      edges: [
        link('domains', 'host', 'subdomains'),
        link('subdomains', 'host', 'resolving'),
        link('resolving', 'host', 'probe'),
        link('probe', 'url', 'headers'),
      ],
    },
  },
  {
    id: 'ports-to-tls',
    name: 'Port scan → TLS inspection',
    summary: 'Scan a host’s common ports and inspect the certificate and protocol on each open TLS port.',
    graph: {
      nodes: [
        { id: 'hosts', type: 'input', kind: 'host', targets: ['example.com'], position: at(0) },
        tool('scan', 'port-scan', 1, { ports: '443,465,636,993,995,8443' }),
        tool('tls', 'tls-inspect', 2),
      ],
      edges: [link('hosts', 'host', 'scan'), link('scan', 'port', 'tls')],
    },
  },
  {
    id: 'probe-paths-cors',
    name: 'HTTP probe → path discovery → CORS check',
    summary: 'Probe a site, discover its paths, and check each one found for a permissive CORS policy.',
    graph: {
      nodes: [
        { id: 'sites', type: 'input', kind: 'url', targets: ['https://example.com'], position: at(0) },
        tool('probe', 'http-probe', 1),
        tool('paths', 'path-discovery', 2),
        { id: 'first', type: 'filter', filter: { type: 'first', count: 20 }, position: at(3) },
        tool('cors', 'cors-check', 4),
      ],
      edges: [
        link('sites', 'url', 'probe'),
        link('probe', 'url', 'paths'),
        link('paths', 'path', 'first'),
        link('first', 'path', 'cors'),
      ],
    },
  },
];
