/**
 * Calendar days in a user's IANA time zone, for the daily free credits ("reset at midnight in the
 * user's time zone"). Pure functions on Intl, so daylight-saving shifts are the platform's business.
 */

/** `YYYY-MM-DD` of the local calendar day `at` falls in, in `timeZone`. */
export function localDate(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Minutes the zone is ahead of UTC at `at` (e.g. 330 for Asia/Kolkata, -300 for New York in winter). */
export function utcOffsetMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(at);
  const value = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    value('year'),
    value('month') - 1,
    value('day'),
    value('hour'),
    value('minute'),
    value('second'),
  );
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** The instant a local calendar day (`YYYY-MM-DD`) starts in `timeZone`. */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const midnightAsUtc = Date.UTC(year, month - 1, day);
  // The offset at local midnight can differ from the offset at UTC midnight (DST): settle it in two steps.
  let guess = midnightAsUtc - utcOffsetMinutes(new Date(midnightAsUtc), timeZone) * 60_000;
  guess = midnightAsUtc - utcOffsetMinutes(new Date(guess), timeZone) * 60_000;
  return new Date(guess);
}

/** The local calendar day after `date`. */
export function nextDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
}

/** When the local day that `at` falls in ends: the next local midnight. */
export function nextLocalMidnight(at: Date, timeZone: string): Date {
  return startOfLocalDay(nextDate(localDate(at, timeZone)), timeZone);
}
