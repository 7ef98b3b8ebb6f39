import { detailEntries, humanKey } from './result-details';

describe('detailEntries', () => {
  it('shows scalars as text, lists joined and nested data as JSON', () => {
    expect(
      detailEntries({
        port: 443,
        open: true,
        banner: 'nginx',
        empty: '',
        missing: null,
        skipped: undefined,
        names: ['a.example', 'b.example'],
        tls: { version: 'TLSv1.3' },
      }),
    ).toEqual([
      { key: 'port', text: '443', block: false },
      { key: 'open', text: 'true', block: false },
      { key: 'banner', text: 'nginx', block: false },
      { key: 'empty', text: '—', block: false },
      { key: 'missing', text: '—', block: false },
      { key: 'names', text: 'a.example, b.example', block: false },
      { key: 'tls', text: '{\n  "version": "TLSv1.3"\n}', block: true },
    ]);
    expect(detailEntries(null)).toEqual([]);
  });

  it('turns keys into words', () => {
    expect(humanKey('contentLength')).toBe('content length');
    expect(humanKey('max_age')).toBe('max age');
  });
});
