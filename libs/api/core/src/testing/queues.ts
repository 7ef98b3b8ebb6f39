import type { Queue } from 'bullmq';
import { waitFor } from './test-environment';

/**
 * Waits until a queue has nothing waiting, running or due later: every job added so far was handled.
 * Lets a test say that something did not happen (a mail was not sent) without guessing how long it
 * might have taken.
 */
export async function queueSettled(queue: Queue): Promise<void> {
  await waitFor(
    () => queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized'),
    (counts) => Object.values(counts).every((count) => count === 0),
  );
}
