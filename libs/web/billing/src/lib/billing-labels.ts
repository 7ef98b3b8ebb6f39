import type { CreditBucketDto, LedgerEntryDto } from '@huntkit/web/api-client';

export const BUCKET_LABELS: Record<CreditBucketDto['kind'], string> = {
  daily: 'Daily free',
  pro: 'Pro monthly',
  topup: 'Credit packs',
  grant: 'Granted',
};

export const LEDGER_LABELS: Record<LedgerEntryDto['kind'], string> = {
  grant: 'Added',
  spend: 'Spent',
  refund: 'Refunded',
  expiry: 'Expired',
};

export const dollars = (cents: number) => `$${(cents / 100).toFixed(cents % 100 === 0 ? 0 : 2)}`;
