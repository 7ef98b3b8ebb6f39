import { formatUserDate, relativeTime } from './user-date.pipe';

describe('dates for the signed-in user', () => {
  it("shows an instant in the user's zone, whatever the browser's", () => {
    const instant = '2026-03-01T23:30:00Z';
    expect(formatUserDate(instant, 'date', 'UTC', 'en-GB')).toBe('1 Mar 2026');
    expect(formatUserDate(instant, 'date', 'Asia/Tokyo', 'en-GB')).toBe('2 Mar 2026');
    expect(formatUserDate(instant, 'datetime', 'America/New_York', 'en-GB')).toBe('1 Mar 2026, 18:30');
    expect(formatUserDate(instant, 'date', 'Not/AZone', 'en-GB')).toBe('1 Mar 2026');
  });

  it('puts recent and coming instants into words', () => {
    const now = new Date('2026-03-10T12:00:00Z');
    expect(relativeTime(new Date('2026-03-10T11:59:30Z'), now, 'en')).toBe('just now');
    expect(relativeTime(new Date('2026-03-07T12:00:00Z'), now, 'en')).toBe('3 days ago');
    expect(relativeTime(new Date('2026-06-10T12:00:00Z'), now, 'en')).toBe('in 3 months');
  });
});
