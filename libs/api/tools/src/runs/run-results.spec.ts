import type { RunResult } from '../runners/runner';
import { countResults, fingerprintOf, normalizeResults } from './run-results';

const port = (number: number, severity: RunResult['severity'] = 'info'): RunResult => ({
  kind: 'port',
  key: `tcp/${number}`,
  title: `${number}/tcp open`,
  severity,
  data: { port: number },
});

describe('run results', () => {
  it('fingerprints by tool, target (any case) and key, nothing else', () => {
    expect(fingerprintOf('port-scan', 'Example.com', port(80))).toBe(
      fingerprintOf('port-scan', 'example.com', port(80, 'high')),
    );
    expect(fingerprintOf('port-scan', 'example.com', port(80))).not.toBe(
      fingerprintOf('nmap', 'example.com', port(80)),
    );
    expect(fingerprintOf('port-scan', 'example.com', port(80))).not.toBe(
      fingerprintOf('port-scan', 'example.org', port(80)),
    );
  });

  it('keeps one result per fingerprint, the most severe', () => {
    const normalized = normalizeResults('port-scan', 'h', [port(80), port(80, 'high'), port(22)], null);
    expect(normalized.map((result) => [result.key, result.severity, result.change, result.position])).toEqual(
      [
        ['tcp/80', 'high', 'new', 0],
        ['tcp/22', 'info', 'new', 1],
      ],
    );
  });

  it('compares with the previous run: new, unchanged and gone, and counts them', () => {
    const previous = normalizeResults('port-scan', 'h', [port(22), port(80)], null);
    const current = normalizeResults('port-scan', 'h', [port(22), port(443, 'medium')], previous);
    expect(current.map((result) => [result.key, result.change])).toEqual([
      ['tcp/22', 'unchanged'],
      ['tcp/443', 'new'],
      ['tcp/80', 'gone'],
    ]);
    expect(countResults(current)).toEqual({
      total: 2,
      bySeverity: { info: 1, low: 0, medium: 1, high: 0, critical: 0 },
      new: 1,
      gone: 1,
    });
  });
});
