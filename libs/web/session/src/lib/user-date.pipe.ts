import { inject, Pipe, type PipeTransform } from '@angular/core';
import { SessionStore } from './session.store';

export type UserDateStyle = 'date' | 'datetime' | 'relative';

const RELATIVE_STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** An instant as words: "3 days ago", "in 2 months", "just now". */
export function relativeTime(at: Date, now = new Date(), locale?: string): string {
  const seconds = (at.getTime() - now.getTime()) / 1000;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of RELATIVE_STEPS) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return 'just now';
}

/** An instant in the signed-in user's own time zone (ISO string or Date in, text out). */
export function formatUserDate(
  value: string | Date,
  style: Exclude<UserDateStyle, 'relative'>,
  timeZone = 'UTC',
  locale?: string,
): string {
  const options: Intl.DateTimeFormatOptions =
    style === 'date' ? { dateStyle: 'medium' } : { dateStyle: 'medium', timeStyle: 'short' };
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(new Date(value));
  } catch {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(new Date(value));
  }
}

/** `{{ token.createdAt | userDate }}`: dates across the app show in the user's zone, not the browser's. */
@Pipe({ name: 'userDate' })
export class UserDatePipe implements PipeTransform {
  private readonly session = inject(SessionStore);

  transform(value: string | Date | null | undefined, style: UserDateStyle = 'date'): string {
    if (value === null || value === undefined) return '';
    if (style === 'relative') return relativeTime(new Date(value));
    return formatUserDate(value, style, this.session.user()?.timeZone);
  }
}
