import { matchTimeZones, timeZoneNames, utcOffsetLabel } from './time-zones';

describe('time zone picker helpers', () => {
  const names = timeZoneNames();

  it('lists UTC first and the IANA zones after it', () => {
    expect(names[0]).toBe('UTC');
    expect(names).toContain('Europe/Paris');
    expect(names.filter((name) => name === 'UTC')).toHaveLength(1);
  });

  it('finds zones by city however it is typed', () => {
    expect(matchTimeZones(names, 'new york')).toContain('America/New_York');
    expect(matchTimeZones(names, 'NEW_YORK')).toContain('America/New_York');
    expect(matchTimeZones(names, 'kolkata')).toEqual(['Asia/Kolkata']);
    expect(matchTimeZones(names, 'nowhere-at-all')).toEqual([]);
    expect(matchTimeZones(names, '', 5)).toHaveLength(5);
  });

  it('labels offsets, half hours included', () => {
    expect(utcOffsetLabel('Asia/Kolkata')).toBe('UTC+05:30');
    expect(utcOffsetLabel('UTC')).toBe('UTC+00:00');
  });
});
