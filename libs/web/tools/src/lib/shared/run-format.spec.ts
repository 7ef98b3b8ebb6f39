import { formatDuration, formatLimit, isFinal } from './run-format';

describe('run formats', () => {
  it('says running times the short way', () => {
    expect(formatDuration(null)).toBe('');
    expect(formatDuration(4_900)).toBe('4s');
    expect(formatDuration(187_000)).toBe('3m 07s');
    expect(formatDuration(3_720_000)).toBe('1h 02m');
  });

  it('says time limits in round units', () => {
    expect(formatLimit(45)).toBe('45s');
    expect(formatLimit(90)).toBe('90s');
    expect(formatLimit(300)).toBe('5 min');
    expect(formatLimit(3600)).toBe('1 h');
    expect(formatLimit(5400)).toBe('1 h 30 min');
  });

  it('knows which statuses are final', () => {
    expect(isFinal('running')).toBe(false);
    expect(isFinal('timed_out')).toBe(true);
  });
});
