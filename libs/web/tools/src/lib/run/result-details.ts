/** One line of a result's details: scalars as text, lists joined, anything deeper as indented JSON. */
export interface DetailEntry {
  key: string;
  text: string;
  block: boolean;
}

const isScalar = (value: unknown) => value === null || ['string', 'number', 'boolean'].includes(typeof value);

/** Splits camelCase and snake_case keys into words: `contentLength` → "content length". */
export function humanKey(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
}

export function detailEntries(data: Record<string, unknown> | null | undefined): DetailEntry[] {
  return Object.entries(data ?? {})
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => {
      if (value === null || value === '') return { key: humanKey(key), text: '—', block: false };
      if (isScalar(value)) return { key: humanKey(key), text: String(value), block: false };
      if (Array.isArray(value) && value.every(isScalar))
        return { key: humanKey(key), text: value.length ? value.join(', ') : '—', block: false };
      return { key: humanKey(key), text: JSON.stringify(value, null, 2), block: true };
    });
}
