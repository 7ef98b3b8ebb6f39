/** Every clock API but Date: timers, I/O and the database keep running in real time. */
const REAL_TIME_APIS = [
  'hrtime',
  'nextTick',
  'performance',
  'queueMicrotask',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'requestIdleCallback',
  'cancelIdleCallback',
  'setImmediate',
  'clearImmediate',
  'setInterval',
  'clearInterval',
  'setTimeout',
  'clearTimeout',
] as const;

/**
 * Stops the wall clock the code under test reads (Date) for the rest of the current test file, so a
 * test can step past an expiry or a grace window at once instead of sleeping through it, however
 * slow the machine. Call `jest.useRealTimers()` to undo it.
 */
export function freezeDate(): { advance(ms: number): void } {
  jest.useFakeTimers({ doNotFake: [...REAL_TIME_APIS], now: Date.now() });
  return { advance: (ms) => jest.setSystemTime(Date.now() + ms) };
}
