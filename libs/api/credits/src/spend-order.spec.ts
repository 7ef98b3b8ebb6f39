import { allocate, type SpendableBucket } from './spend-order';

const day = (n: number) => new Date(Date.UTC(2026, 0, n));
const bucket = (
  id: string,
  kind: SpendableBucket['kind'],
  remaining: number,
  expiresAt: Date | null,
  created = 1,
) => ({
  id,
  kind,
  remaining,
  expiresAt,
  createdAt: day(created),
});

describe('spend order', () => {
  const buckets = [
    bucket('pack', 'topup', 100, null),
    bucket('grant-soon', 'grant', 5, day(20)),
    bucket('pro', 'pro', 100, day(28)),
    bucket('daily', 'daily', 10, day(2)),
    bucket('grant-never', 'grant', 5, null, 0),
  ];

  it('spends daily, then Pro, then packs and grants by earliest expiry', () => {
    expect(allocate(buckets, 8)).toEqual([{ bucketId: 'daily', amount: 8 }]);
    expect(allocate(buckets, 115)).toEqual([
      { bucketId: 'daily', amount: 10 },
      { bucketId: 'pro', amount: 100 },
      { bucketId: 'grant-soon', amount: 5 },
    ]);
    // Never-expiring credits go last, oldest first.
    expect(allocate(buckets, 125)?.slice(3)).toEqual([
      { bucketId: 'grant-never', amount: 5 },
      { bucketId: 'pack', amount: 5 },
    ]);
  });

  it('refuses to overdraw, and skips empty buckets', () => {
    expect(allocate(buckets, 221)).toBeNull();
    expect(allocate([bucket('empty', 'daily', 0, day(2)), bucket('pack', 'topup', 3, null)], 3)).toEqual([
      { bucketId: 'pack', amount: 3 },
    ]);
  });
});
