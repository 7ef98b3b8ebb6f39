import { findTool } from '../definitions/tool-registry';
import { validateToolConfig } from './config-validation';

const schemaOf = (id: string) => findTool(id)?.configSchema as never;

describe('tool config validation', () => {
  it('applies the defaults of the schema and trims formatted fields', () => {
    const result = validateToolConfig(schemaOf('port-scan'), { target: ' scanme.example.com ' });
    expect(result).toEqual({
      ok: true,
      config: {
        target: 'scanme.example.com',
        ports: '1-1024',
        concurrency: 200,
        timeoutMs: 1500,
        grabBanners: true,
      },
    });
  });

  it('reports one clear error per field, pointing into the request body', () => {
    const result = validateToolConfig(schemaOf('port-scan'), {
      ports: '80,70000',
      concurrency: 'many',
      extra: 1,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual(
      expect.arrayContaining([
        { field: 'config.target', pointer: '/config/target', detail: 'Target is required.' },
        {
          field: 'config.concurrency',
          pointer: '/config/concurrency',
          detail: 'Parallel connections must be a whole number.',
        },
        { field: 'config.extra', pointer: '/config/extra', detail: 'This tool has no such setting.' },
        expect.objectContaining({ pointer: '/config/ports', detail: expect.stringContaining('70000') }),
      ]),
    );
    expect(result.errors).toHaveLength(4);
  });

  it.each([
    ['http-probe', { url: 'ftp://example.com/' }, 'Only http:// and https:// are supported.'],
    [
      'http-probe',
      { url: 'https://user:secret@example.com/' },
      'Leave user names and passwords out of the URL.',
    ],
    ['port-scan', { target: 'bad host!' }, 'Enter a host name such as example.com or an IP address.'],
  ])('refuses %s config %j', (toolId, config, detail) => {
    const result = validateToolConfig(schemaOf(toolId), config);
    expect(result).toMatchObject({ ok: false, errors: [{ detail }] });
  });
});
