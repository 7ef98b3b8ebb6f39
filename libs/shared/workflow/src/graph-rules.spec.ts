import fc from 'fast-check';
import { connectionProblem, type ToolCatalog, topologicalOrder, validateGraph } from './graph-rules';
import { estimateCost } from './workflow-cost';
import type { ItemKind, ToolPorts, WorkflowGraph, WorkflowNode } from './workflow-graph';

const ports = (
  id: string,
  accepts: ToolPorts['accepts'],
  produces: ToolPorts['produces'],
  cost = 1,
): ToolPorts => ({
  id,
  name: id,
  cost,
  inputField: 'target',
  accepts,
  produces,
  takesList: false,
});
const catalog: ToolCatalog = new Map(
  [
    ports('scan', ['host'], ['host', 'port', 'service'], 2),
    ports('probe', ['url', 'host', 'port'], ['url', 'service', 'finding']),
    ports('paths', ['url'], ['path', 'finding'], 3),
  ].map((tool) => [tool.id, tool]),
);
const position = { x: 0, y: 0 };
const input = (id: string, targets = ['example.com']): WorkflowNode => ({
  id,
  type: 'input',
  kind: 'host',
  targets,
  position,
});
const tool = (id: string, toolId: string): WorkflowNode => ({
  id,
  type: 'tool',
  toolId,
  config: {},
  position,
});
const edge = (source: string, kind: ItemKind, target: string) => ({
  id: `${source}-${target}-${kind}`,
  source,
  kind,
  target,
});
const codes = (graph: unknown) => validateGraph(graph, catalog).problems.map((problem) => problem.code);

describe('workflow graph rules', () => {
  it('accepts a typed chain and names the nodes of every kind that does not fit', () => {
    const nodes = [input('in'), tool('a', 'scan'), tool('b', 'probe'), tool('c', 'paths')];
    expect(
      codes({ nodes, edges: [edge('in', 'host', 'a'), edge('a', 'port', 'b'), edge('b', 'url', 'c')] }),
    ).toEqual([]);

    const wrong = validateGraph({ nodes, edges: [edge('in', 'host', 'a'), edge('a', 'port', 'c')] }, catalog);
    expect(wrong.problems).toEqual([
      expect.objectContaining({ code: 'kind_not_accepted', pointer: '/edges/1', nodeIds: ['a', 'c'] }),
    ]);
    expect(wrong.problems[0]?.message).toBe('paths cannot take port results; it takes url.');
    expect(codes({ nodes, edges: [edge('a', 'path', 'b')] })).toEqual(['kind_not_produced']);
    expect(codes({ nodes, edges: [edge('a', 'host', 'in')] })).toEqual(['into_input']);
  });

  it('refuses a loop, naming the nodes in it, and the editor hears it before the drop', () => {
    const nodes = [input('in'), tool('a', 'probe'), tool('b', 'probe')];
    const edges = [edge('in', 'host', 'a'), edge('a', 'url', 'b'), edge('b', 'url', 'a')];
    const result = validateGraph({ nodes, edges }, catalog);
    expect(result.problems).toEqual([expect.objectContaining({ code: 'cycle', nodeIds: ['a', 'b'] })]);
    const graph = validateGraph({ nodes, edges: edges.slice(0, 2) }, catalog).graph;
    expect(connectionProblem(graph, catalog, { source: 'b', kind: 'url', target: 'a' })?.code).toBe('cycle');
    expect(connectionProblem(graph, catalog, { source: 'b', kind: 'finding', target: 'a' })?.code).toBe(
      'kind_not_accepted',
    );
  });

  it('finds a loop exactly when one exists, for any graph', () => {
    const graphs = fc.integer({ min: 2, max: 12 }).chain((size) =>
      fc.record({
        size: fc.constant(size),
        edges: fc.uniqueArray(fc.tuple(fc.nat(size - 1), fc.nat(size - 1)), {
          maxLength: 30,
          selector: ([from, to]) => `${from}>${to}`,
        }),
      }),
    );
    fc.assert(
      fc.property(graphs, ({ size, edges }) => {
        const nodes = Array.from({ length: size }, (_, i) => tool(`n${i}`, 'probe'));
        const links = edges
          .filter(([from, to]) => from !== to)
          .map(([from, to]) => edge(`n${from}`, 'url', `n${to}`));
        // A graph whose every edge goes to a higher index has no loop; any other may, and the
        // topological order is the oracle for whether it does.
        const acyclic = topologicalOrder({ nodes, edges: links }) !== null;
        expect(codes({ nodes, edges: links }).includes('cycle')).toBe(!acyclic);
        if (links.every((link) => Number(link.source.slice(1)) < Number(link.target.slice(1))))
          expect(acyclic).toBe(true);
      }),
    );
  });

  it('makes a filter carry the one kind it is fed', () => {
    const nodes: WorkflowNode[] = [
      input('in'),
      tool('a', 'probe'),
      { id: 'f', type: 'filter', filter: { type: 'first', count: 3 }, position },
      tool('c', 'paths'),
    ];
    const fed = [edge('in', 'host', 'a'), edge('a', 'url', 'f'), edge('f', 'url', 'c')];
    expect(codes({ nodes, edges: fed })).toEqual([]);
    expect(codes({ nodes, edges: [...fed, edge('a', 'finding', 'f')] })).toEqual(['filter_mixed_kinds']);
    expect(codes({ nodes, edges: [edge('in', 'host', 'a')] })).toEqual(['filter_unconnected']);
  });

  it('reads untrusted input without throwing and points at each field that is wrong', () => {
    fc.assert(
      fc.property(fc.anything(), (anything) => {
        const result = validateGraph(anything, catalog);
        expect(Array.isArray(result.problems)).toBe(true);
      }),
    );
    const problems = validateGraph(
      {
        nodes: [
          { id: 'bad id', type: 'tool', toolId: 'scan' },
          { id: 'x', type: 'input', kind: 'host', targets: [] },
          { id: 'y', type: 'filter', filter: { type: 'match', pattern: '(' } },
          { id: 'z', type: 'tool', toolId: 'nope' },
        ],
        edges: [{ id: 'e', source: 'z', kind: 'laser', target: 'x' }] as unknown[],
      },
      catalog,
    ).problems;
    expect(problems.map((problem) => problem.pointer)).toEqual([
      '/nodes/0/id',
      '/nodes/1/targets',
      '/nodes/2/filter',
      '/edges/0/kind',
      '/nodes/3/toolId',
    ]);
  });

  it('estimates the exact cost of known runs and an upper bound for fan-out', () => {
    const graph: WorkflowGraph = {
      nodes: [
        input('in', ['a.example', 'b.example', 'c.example']),
        tool('a', 'scan'),
        tool('b', 'probe'),
        tool('solo', 'paths'),
      ],
      edges: [
        { id: 'e1', source: 'in', kind: 'host', target: 'a' },
        { id: 'e2', source: 'a', kind: 'port', target: 'b' },
      ],
    };
    const estimate = estimateCost(graph, catalog, 10);
    // 3 scans at 2 and the lone path discovery at 3 are known; the probes depend on the ports found.
    expect(estimate.exact).toBe(3 * 2 + 3);
    expect(estimate.upperBound).toBe(3 * 2 + 3 + 10 * 1);
  });
});
