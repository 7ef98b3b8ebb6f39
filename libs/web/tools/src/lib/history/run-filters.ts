import type { RunStatus } from '../api/run-models';
import { RUN_STATUSES } from '../shared/run-format';

export type Period = '24h' | '7d' | '30d';

export const PERIODS: { value: Period; label: string; hours: number }[] = [
  { value: '24h', label: 'Last 24 hours', hours: 24 },
  { value: '7d', label: 'Last 7 days', hours: 7 * 24 },
  { value: '30d', label: 'Last 30 days', hours: 30 * 24 },
];

export const PAGE_SIZES = [10, 20, 50];
const DEFAULT_PAGE_SIZE = 20;

/** The history's filters and page, as the URL's query string holds them (so a refresh keeps them). */
export interface RunFilters {
  toolId: string | null;
  status: RunStatus | null;
  target: string;
  period: Period | null;
  /** 1-based, as the API counts. */
  page: number;
  pageSize: number;
}

export type RunQuery = Partial<Record<'tool' | 'status' | 'target' | 'period' | 'page' | 'size', string>>;

const positive = (text: string | undefined) => {
  const value = Number(text);
  return Number.isInteger(value) && value >= 1 ? value : null;
};

/** Reads the query string leniently: anything unknown or malformed falls back to "no filter". */
export function parseRunFilters(query: RunQuery): RunFilters {
  const size = positive(query.size);
  return {
    toolId: query.tool?.trim() || null,
    status: RUN_STATUSES.find((status) => status === query.status) ?? null,
    target: query.target?.trim() ?? '',
    period: PERIODS.find((period) => period.value === query.period)?.value ?? null,
    page: positive(query.page) ?? 1,
    pageSize: size !== null && PAGE_SIZES.includes(size) ? size : DEFAULT_PAGE_SIZE,
  };
}

/** The query string for these filters, leaving defaults out so the URL stays short. */
export function runQueryOf(filters: RunFilters): Record<string, string | null> {
  return {
    tool: filters.toolId,
    status: filters.status,
    target: filters.target || null,
    period: filters.period,
    page: filters.page > 1 ? String(filters.page) : null,
    size: filters.pageSize !== DEFAULT_PAGE_SIZE ? String(filters.pageSize) : null,
  };
}

export const hasFilters = (filters: RunFilters) =>
  !!(filters.toolId || filters.status || filters.target || filters.period);

/** The API's parameters for these filters; a period counts back from `now`. */
export function runListParams(filters: RunFilters, now = Date.now()) {
  const hours = PERIODS.find((period) => period.value === filters.period)?.hours;
  return {
    page: filters.page,
    pageSize: filters.pageSize,
    toolId: filters.toolId ?? undefined,
    status: filters.status ?? undefined,
    target: filters.target || undefined,
    from: hours ? new Date(now - hours * 3_600_000).toISOString() : undefined,
  };
}
