import { hasFilters, parseRunFilters, runListParams, type RunQuery, runQueryOf } from './run-filters';

describe('run filters', () => {
  it('reads the query string, falling back to no filter for anything malformed', () => {
    expect(parseRunFilters({})).toEqual({
      toolId: null,
      status: null,
      target: '',
      period: null,
      page: 1,
      pageSize: 20,
    });
    expect(
      parseRunFilters({
        tool: 'port-scan',
        status: 'timed_out',
        target: ' example ',
        period: '7d',
        page: '3',
        size: '50',
      }),
    ).toEqual({
      toolId: 'port-scan',
      status: 'timed_out',
      target: 'example',
      period: '7d',
      page: 3,
      pageSize: 50,
    });
    expect(parseRunFilters({ status: 'bogus', period: '1y', page: '-2', size: '1000' })).toEqual(
      parseRunFilters({}),
    );
  });

  it('writes only what differs from the defaults back to the URL', () => {
    const filters = parseRunFilters({ tool: 'nmap', page: '2' });
    expect(runQueryOf(filters)).toEqual({
      tool: 'nmap',
      status: null,
      target: null,
      period: null,
      page: '2',
      size: null,
    });
    const query = Object.fromEntries(
      Object.entries(runQueryOf(filters)).filter(([, value]) => value !== null),
    ) as RunQuery;
    expect(parseRunFilters(query)).toEqual(filters);
    expect(hasFilters(filters)).toBe(true);
    expect(hasFilters(parseRunFilters({ page: '4' }))).toBe(false);
  });

  it('turns a period into a from instant counted back from now', () => {
    const now = Date.parse('2026-03-10T12:00:00Z');
    expect(runListParams(parseRunFilters({ period: '24h', status: 'failed' }), now)).toEqual({
      page: 1,
      pageSize: 20,
      toolId: undefined,
      status: 'failed',
      target: undefined,
      from: '2026-03-09T12:00:00.000Z',
    });
    expect(runListParams(parseRunFilters({}), now).from).toBeUndefined();
  });
});
