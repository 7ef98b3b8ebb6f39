import {
  type FilterSpec,
  type FilterType,
  ITEM_KINDS,
  type ItemKind,
  SEVERITY_ORDER,
  WORKFLOW_LIMITS,
} from './workflow-graph';

export interface FilterDefinition {
  type: FilterType;
  name: string;
  summary: string;
  /** The kinds it can filter; its output carries the kind it was fed. */
  accepts: readonly ItemKind[];
}

/** The palette's filters, in the order the editor shows them. */
export const FILTERS: readonly FilterDefinition[] = [
  { type: 'resolves', name: 'Resolves', summary: 'Keep hosts that have a DNS address.', accepts: ['host'] },
  {
    type: 'status',
    name: 'HTTP status',
    summary: 'Keep URLs and paths whose status is in a set.',
    accepts: ['url', 'path'],
  },
  {
    type: 'ports',
    name: 'Open ports',
    summary: 'Keep ports and services on chosen port numbers.',
    accepts: ['port', 'service'],
  },
  {
    type: 'severity',
    name: 'Severity',
    summary: 'Keep findings at a severity or above.',
    accepts: ['finding'],
  },
  { type: 'match', name: 'Matches', summary: 'Keep items whose key matches a pattern.', accepts: ITEM_KINDS },
  { type: 'dedupe', name: 'De-duplicate', summary: 'Keep each distinct item once.', accepts: ITEM_KINDS },
  { type: 'first', name: 'First N', summary: 'Keep the first N items.', accepts: ITEM_KINDS },
];

export const filterDefinition = (type: FilterType): FilterDefinition | undefined =>
  FILTERS.find((filter) => filter.type === type);

const isWholeNumberIn = (value: unknown, min: number, max: number) =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

const numberSet = (values: unknown, min: number, max: number, what: string): string | null =>
  Array.isArray(values) &&
  values.length > 0 &&
  values.length <= 100 &&
  values.every((value) => isWholeNumberIn(value, min, max))
    ? null
    : `Give 1 to 100 ${what} from ${min} to ${max}.`;

/** What is wrong with a filter's settings, or null when they are sound. */
export function filterSettingsProblem(filter: FilterSpec): string | null {
  switch (filter.type) {
    case 'resolves':
    case 'dedupe':
      return null;
    case 'status':
      return numberSet(filter.statuses, 100, 599, 'HTTP statuses');
    case 'ports':
      return numberSet(filter.ports, 1, 65535, 'port numbers');
    case 'severity':
      return SEVERITY_ORDER.includes(filter.atLeast)
        ? null
        : `Severity is one of ${SEVERITY_ORDER.join(', ')}.`;
    case 'first':
      return isWholeNumberIn(filter.count, 1, 1000) ? null : 'Keep from 1 to 1,000 items.';
    case 'match': {
      if (typeof filter.pattern !== 'string' || filter.pattern.length === 0)
        return 'Give a pattern to match.';
      if (filter.pattern.length > WORKFLOW_LIMITS.patternLength)
        return `A pattern has at most ${WORKFLOW_LIMITS.patternLength} characters.`;
      try {
        new RegExp(filter.pattern, 'i');
        return null;
      } catch (error) {
        return `Not a valid pattern: ${(error as Error).message}`;
      }
    }
    default:
      return 'Unknown filter.';
  }
}
