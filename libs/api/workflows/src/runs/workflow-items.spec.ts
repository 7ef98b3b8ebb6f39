import { applyFilter, itemsFromResults, launchInput, type WorkflowItem } from './workflow-items';

describe('workflow items', () => {
  const results = itemsFromResults('scanme.example', [
    { kind: 'port', key: 'tcp/443', severity: 'info', data: { port: 443 } },
    { kind: 'port', key: 'tcp/8080', severity: 'info', data: { port: 8080 } },
    {
      kind: 'host',
      key: 'host:a.scanme.example',
      severity: 'info',
      data: { name: 'a.scanme.example', addresses: ['192.0.2.1'] },
    },
    {
      kind: 'url',
      key: 'url:https://scanme.example/',
      severity: 'info',
      data: { url: 'https://scanme.example/', status: 301 },
    },
    { kind: 'finding', key: 'header:hsts-missing', severity: 'medium', data: {} },
  ]);

  it('keeps what a child needs of each result, with the host the run was pointed at', () => {
    expect(results).toEqual([
      {
        kind: 'port',
        key: 'tcp/443',
        severity: 'info',
        value: 'scanme.example:443',
        host: 'scanme.example',
        port: 443,
      },
      {
        kind: 'port',
        key: 'tcp/8080',
        severity: 'info',
        value: 'scanme.example:8080',
        host: 'scanme.example',
        port: 8080,
      },
      {
        kind: 'host',
        key: 'host:a.scanme.example',
        severity: 'info',
        value: 'a.scanme.example',
        host: 'a.scanme.example',
        addresses: ['192.0.2.1'],
      },
      {
        kind: 'url',
        key: 'url:https://scanme.example/',
        severity: 'info',
        value: 'https://scanme.example/',
        host: 'scanme.example',
        status: 301,
      },
      { kind: 'finding', key: 'header:hsts-missing', severity: 'medium', value: 'header:hsts-missing' },
    ]);
  });

  it('turns an item into the input of the tool it feeds', () => {
    const [tls, web, host, url] = results as [WorkflowItem, WorkflowItem, WorkflowItem, WorkflowItem];
    expect(launchInput(tls, 'url', {})).toEqual({ input: 'https://scanme.example:443', extra: {} });
    expect(launchInput(web, 'url', {})).toEqual({ input: 'http://scanme.example:8080', extra: {} });
    expect(launchInput(host, 'url', {})).toEqual({ input: 'http://a.scanme.example', extra: {} });
    expect(launchInput(url, 'url', {})).toEqual({ input: 'https://scanme.example/', extra: {} });
    // TLS inspection takes the host as its target and the port as its port setting.
    expect(launchInput(tls, 'target', { port: 443 })).toEqual({
      input: 'scanme.example',
      extra: { port: 443 },
    });
    expect(launchInput(tls, 'target', {})).toEqual({ input: 'scanme.example', extra: {} });
    const ipv6: WorkflowItem = { kind: 'host', key: 'host:::1', value: '::1', host: '::1' };
    expect(launchInput(ipv6, 'url', {}).input).toBe('http://[::1]');
  });

  it('filters in order, each filter on what it is about', async () => {
    expect((await applyFilter({ type: 'ports', ports: [8080] }, results)).map((item) => item.key)).toEqual([
      'tcp/8080',
    ]);
    expect(
      (await applyFilter({ type: 'status', statuses: [301] }, results)).map((item) => item.kind),
    ).toEqual(['url']);
    expect(
      (await applyFilter({ type: 'severity', atLeast: 'low' }, results)).map((item) => item.key),
    ).toEqual(['header:hsts-missing']);
    expect(
      (await applyFilter({ type: 'match', pattern: '^TCP/4' }, results)).map((item) => item.key),
    ).toEqual(['tcp/443']);
    expect(await applyFilter({ type: 'first', count: 2 }, results)).toEqual(results.slice(0, 2));
    expect(await applyFilter({ type: 'dedupe' }, [...results, ...results])).toEqual(results);
    // A host found with its addresses resolves without asking DNS; a made-up name does not.
    const hosts: WorkflowItem[] = [
      results[2] as WorkflowItem,
      { kind: 'host', key: 'host:nowhere.invalid', value: 'nowhere.invalid', host: 'nowhere.invalid' },
    ];
    expect((await applyFilter({ type: 'resolves' }, hosts)).map((item) => item.value)).toEqual([
      'a.scanme.example',
    ]);
  });
});
