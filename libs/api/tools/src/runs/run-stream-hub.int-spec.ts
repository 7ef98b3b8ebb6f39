import { Redis } from 'ioredis';
import { compareStreamIds, READER_NAME, RunStreamHub, type StreamEntry } from './run-stream-hub';

/** Collects what a follower is handed, and resolves once it holds `count` entries. */
function collector() {
  const seen: string[] = [];
  let ended = false;
  const waiters: { count: number; resolve: () => void }[] = [];
  return {
    seen,
    ended: () => ended,
    follower: {
      entries: (entries: StreamEntry[]) => {
        for (const [, fields] of entries) seen.push(fields[1] ?? '');
        for (const waiter of waiters.filter((w) => seen.length >= w.count)) waiter.resolve();
      },
      ended: () => (ended = true),
    },
    hasAtLeast: (count: number) =>
      new Promise<void>((resolve) => (seen.length >= count ? resolve() : waiters.push({ count, resolve }))),
  };
}

/** How many connections of this process wait in XREAD right now. */
async function blockedReaders(redis: Redis): Promise<number> {
  const clients = String(await redis.client('LIST'));
  return clients
    .split('\n')
    .filter((line) => line.includes(` name=${READER_NAME} `) && / cmd=xread /.test(line)).length;
}

describe('RunStreamHub (real Redis)', () => {
  const url = `${process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379'}/${Number(process.env['JEST_WORKER_ID'] ?? 1) % 16}`;
  const redis = new Redis(url);
  const prefix = `test-hub-${process.pid}-${Date.now()}`;
  let hub: RunStreamHub;

  beforeEach(() => {
    hub = new RunStreamHub(redis);
  });

  afterEach(async () => {
    await hub.onModuleDestroy();
  });

  afterAll(async () => {
    await redis.quit();
  });

  const add = (key: string, text: string) => redis.xadd(key, '*', 'text', text);

  it('orders stream ids by time, then sequence', () => {
    expect(compareStreamIds('1700000000000-2', '1700000000000-10')).toBeLessThan(0);
    expect(compareStreamIds('1700000000001-0', '1700000000000-99')).toBeGreaterThan(0);
    expect(compareStreamIds('5-1', '5-1')).toBe(0);
  });

  it('reads every followed stream over one blocking connection, and takes in a new one at once', async () => {
    const runs = [`${prefix}:a`, `${prefix}:b`, `${prefix}:c`];
    const viewers = runs.map(() => [collector(), collector()]);
    for (const [index, key] of runs.entries())
      for (const viewer of viewers[index] ?? []) await hub.follow(key, '0-0', viewer.follower);
    for (const key of runs) await add(key, `first line of ${key}`);
    await Promise.all(viewers.flat().map((viewer) => viewer.hasAtLeast(1)));
    expect(viewers.map((pair) => pair.map((viewer) => viewer.seen))).toEqual(
      runs.map((key) => [[`first line of ${key}`], [`first line of ${key}`]]),
    );
    // Six viewers of three runs: one connection waits in XREAD.
    expect(await blockedReaders(redis)).toBe(1);

    // The reader is blocked (for seconds) on the three runs; a fourth run's first viewer is served
    // without waiting for that read to time out, or the test would time out first.
    const late = collector();
    const fourth = `${prefix}:d`;
    await hub.follow(fourth, '0-0', late.follower);
    await add(fourth, 'hello');
    await late.hasAtLeast(1);
    expect(late.seen).toEqual(['hello']);
  });

  it('tells a late viewer from where the hub reads, so it fetches only what it missed', async () => {
    const key = `${prefix}:late`;
    const early = collector();
    await hub.follow(key, '0-0', early.follower);
    const first = await add(key, 'one');
    await add(key, 'two');
    await early.hasAtLeast(2);

    const late = collector();
    const { after } = await hub.follow(key, '0-0', late.follower);
    // Everything up to `after` was read before the late viewer joined: it is the viewer's to fetch.
    expect(compareStreamIds(after, String(first))).toBeGreaterThan(0);
    const missed = await redis.xrange(key, '-', after);
    expect(missed.map(([, fields]) => fields[1])).toEqual(['one', 'two']);
    await add(key, 'three');
    await late.hasAtLeast(1);
    expect(late.seen).toEqual(['three']);
    expect(early.seen).toEqual(['one', 'two', 'three']);
  });

  it("reads a stream followed again just after its last viewer left from the new viewer's id", async () => {
    const key = `${prefix}:again`;
    await add(key, 'one');
    const first = collector();
    const { stop } = await hub.follow(key, '0-0', first.follower);
    await first.hasAtLeast(1);
    stop();
    // The read in flight still waits on this stream after "one"; the new viewer wants it from the start.
    const again = collector();
    await hub.follow(key, '0-0', again.follower);
    await again.hasAtLeast(1);
    expect(again.seen).toEqual(['one']);
  });

  it('stops reading a stream nobody follows, and ends the followers when it shuts down', async () => {
    const key = `${prefix}:left`;
    const gone = collector();
    const { stop } = await hub.follow(key, '0-0', gone.follower);
    stop();
    const staying = collector();
    await hub.follow(`${prefix}:stays`, '0-0', staying.follower);
    await add(key, 'nobody reads this');
    await add(`${prefix}:stays`, 'read');
    await staying.hasAtLeast(1);
    expect(gone.seen).toEqual([]);

    await hub.onModuleDestroy();
    expect(staying.ended()).toBe(true);
    // A viewer arriving while the process stops is ended at once, not left waiting.
    const tooLate = collector();
    await hub.follow(`${prefix}:late-comer`, '0-0', tooLate.follower);
    expect(tooLate.ended()).toBe(true);
  });
});
