/**
 * Browsers list some zones under names IANA has since replaced (ICU keeps CLDR's old ids), so people
 * searching for Kolkata or Kyiv would find nothing. Both names are valid zones everywhere.
 */
const CURRENT_NAMES: Record<string, string> = {
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Europe/Kiev': 'Europe/Kyiv',
  'America/Godthab': 'America/Nuuk',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'Pacific/Enderbury': 'Pacific/Kanton',
};

function isZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Every IANA zone this browser knows under its current name, UTC first, sorted. */
export function timeZoneNames(): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const names = known.map((name) => {
    const current = CURRENT_NAMES[name];
    return current && isZone(current) ? current : name;
  });
  return ['UTC', ...[...new Set(names)].filter((name) => name !== 'UTC').sort()];
}

/** The browser's own zone, the natural suggestion. */
export function browserTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  return CURRENT_NAMES[zone] ?? zone;
}

/** The current UTC offset of a zone, as "UTC+05:30". */
export function utcOffsetLabel(timeZone: string, at = new Date()): string {
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value;
    return part === 'GMT' || !part ? 'UTC+00:00' : part.replace('GMT', 'UTC');
  } catch {
    return '';
  }
}

/**
 * Zones matching what was typed, loosely: "new york", "new_york" and "America/New" all find
 * America/New_York. At most `limit`, so the list stays quick to scan.
 */
export function matchTimeZones(names: readonly string[], query: string, limit = 50): string[] {
  const needle = query
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '_');
  if (!needle) return names.slice(0, limit);
  return names.filter((name) => name.toLowerCase().includes(needle)).slice(0, limit);
}
