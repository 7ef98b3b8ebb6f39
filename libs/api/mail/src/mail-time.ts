/** A moment as the recipient reads it in mail: their own zone, named, e.g. "25 Nov 2026, 14:05 CET". */
export function formatMailTime(at: Date, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-GB', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone,
      timeZoneName: 'short',
    }).format(at);
  } catch {
    return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  }
}
