/**
 * The restart scenarios. Each breaks one dependency of a running stack (fault-stack.mjs), measures
 * how the API answers while it is down and how long it takes to come back by itself, and answers
 * rows for the table: { measured, figure, pass, detail }.
 */
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { invariants, isProblem, launchPathDiscovery, STATE_WAIT_MS, waitFor } from './fault-stack.mjs';
import { followRun } from './http-session.mjs';

/** A dependency stays down this long: what is simulated is an outage of a few seconds. */
export const OUTAGE_MS = Number(process.env.BENCH_OUTAGE_MS ?? 3000);
/** No answer may take longer than this while a dependency is down, nor after. */
export const ANSWER_BOUND_MS = 5000;
/** Lines the client must have seen before the outage starts, so it is mid-run. */
const LINES_BEFORE = 10;

const ms = (value) => `${Math.round(value)} ms`;
const row = (measured, figure, pass, detail = '') => ({ measured, figure, pass, detail });

/** Rounds of calls at most this often: a client retrying, not a flood that would meet the rate limits. */
const PROBE_EVERY_MS = 100;

/** Calls the API in rounds until `until()` holds; every answer is kept with its time. */
async function probeWhile(stack, until, calls) {
  const answers = [];
  while (!until()) {
    const round = Promise.all(
      calls.map(async ([name, path, options]) => ({ name, ...(await stack.session.call(path, options)) })),
    );
    const [batch] = await Promise.all([round, new Promise((resolve) => setTimeout(resolve, PROBE_EVERY_MS))]);
    answers.push(...batch);
  }
  return answers;
}

const slowest = (answers) => answers.reduce((max, answer) => Math.max(max, answer.ms), 0);

function outageRows(answers, expectedStatus = 503) {
  const wrong = answers.filter((answer) => answer.status !== expectedStatus || !isProblem(answer));
  return [
    row(
      'slowest answer while down',
      ms(slowest(answers)),
      slowest(answers) < ANSWER_BOUND_MS,
      `${answers.length} answers, bound ${ANSWER_BOUND_MS} ms`,
    ),
    row(
      `every answer while down ${expectedStatus} problem+json`,
      `${answers.length - wrong.length}/${answers.length}`,
      answers.length > 0 && wrong.length === 0,
      wrong
        .slice(0, 3)
        .map(
          (answer) =>
            `${answer.name}: ${answer.status} ${answer.contentType} ${JSON.stringify(answer.body).slice(0, 120)}`,
        )
        .join('; '),
    ),
  ];
}

const lineTexts = (events) => events.filter((event) => event.event === 'line').map((event) => event.data);

/** What the client saw against the run's log: lines missing, lines doubled, and where they first differ. */
function compareLines(seen, log) {
  let first = -1;
  for (let index = 0; index < Math.max(seen.length, log.length); index += 1)
    if (seen[index] !== log[index]) {
      first = index;
      break;
    }
  return { same: first === -1, first, seen: seen.length, log: log.length };
}

async function finishedRun(stack, runId) {
  return waitFor(
    `run ${runId} to end`,
    async () => (await stack.session.call(`/api/runs/${runId}`)).body,
    (run) => ['succeeded', 'failed', 'cancelled', 'timed_out'].includes(run?.status),
  );
}

/** The cluster's job schedules (sweeper, purges) as BullMQ keeps them: one sorted set per queue. */
async function jobSchedules(redisUrl) {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    const keys = await redis.keys('*:repeat');
    const counts = await Promise.all(keys.map((key) => redis.zcard(key)));
    return counts.reduce((sum, count) => sum + count, 0);
  } finally {
    redis.disconnect();
  }
}

/** A new run launches and ends well: the worker's queue and database connections are back. */
async function freshRunRow(stack) {
  const started = performance.now();
  const runId = await launchPathDiscovery(stack);
  const follower = followRun(stack.session, runId);
  await Promise.race([follower.done, new Promise((resolve) => setTimeout(resolve, STATE_WAIT_MS))]);
  follower.stop();
  const run = await finishedRun(stack, runId);
  return row(
    'a new run after recovery',
    `${run.status} in ${ms(performance.now() - started)}`,
    run.status === 'succeeded',
    run.error ?? '',
  );
}

async function invariantRows(stack) {
  return (await invariants(stack)).map(([name, pass, detail]) =>
    row(name, pass ? 'yes' : 'NO', pass, detail),
  );
}

/**
 * Redis killed and started empty while a client follows a live run. The client's connection drops
 * (as a browser's would on the API's side closing it) and it reconnects with Last-Event-ID; at the
 * end the lines it saw must be the run's log, line for line.
 */
export async function redisRestart(stack) {
  const schedulesBefore = await jobSchedules(stack.redis.url);
  const runId = await launchPathDiscovery(stack, 'medium');
  // The worker runs one at a time here, so this one waits in the queue that Redis is about to lose.
  const queuedId = await launchPathDiscovery(stack, 'small');
  const follower = followRun(stack.session, runId);
  // A second viewer keeps its connection through the outage: the API's shared reader must resume it.
  const steady = followRun(stack.session, runId);
  await waitFor(
    'lines before the outage',
    async () => Math.min(lineTexts(follower.events).length, lineTexts(steady.events).length),
    (count) => count >= LINES_BEFORE || follower.finished,
  );
  if (follower.finished) throw new Error('the run ended before the outage: give it more to do');
  const steadyAttempts = steady.attempts.length;

  await stack.redis.stop();
  const downAt = performance.now();
  follower.drop();
  const calls = [
    ['readiness', '/api/health/ready'],
    ['run', `/api/runs/${runId}`],
    ['stream', `/api/runs/${runId}/stream`, { headers: { 'last-event-id': follower.lastEventId } }],
    [
      'launch',
      '/api/tools/port-scan/runs',
      { method: 'POST', json: { config: { target: '127.0.0.1', ports: '1' }, idempotencyKey: randomUUID() } },
    ],
  ];
  const down = await probeWhile(stack, () => performance.now() - downAt >= OUTAGE_MS, calls);
  const attemptsBefore = follower.attempts.length;

  await stack.redis.start();
  const upAt = performance.now();
  const ready = await waitFor(
    'readiness after Redis is back',
    () => stack.session.call('/api/health/ready'),
    (answer) => answer.status === 200,
  );
  const readyMs = performance.now() - upAt;
  await waitFor(
    'the stream to be served again',
    async () =>
      follower.attempts.slice(attemptsBefore).some((attempt) => attempt.status === 200) || follower.finished,
  );
  const streamMs = performance.now() - upAt;
  // Another blip once the new stream holds lines the client has: only Last-Event-ID keeps them from
  // coming twice (after the restart itself, the emptied stream holds nothing old to double).
  const seenAtRecovery = lineTexts(follower.events).length;
  await waitFor(
    'lines after the recovery',
    async () => lineTexts(follower.events).length,
    (count) => count >= seenAtRecovery + LINES_BEFORE || follower.finished,
  );
  const resumedMidStream = !follower.finished;
  follower.drop();
  await Promise.race([
    Promise.all([follower.done, steady.done]),
    new Promise((resolve) => setTimeout(resolve, STATE_WAIT_MS)),
  ]);
  follower.stop();
  steady.stop();
  const run = await finishedRun(stack, runId);
  const queued = await finishedRun(stack, queuedId).catch(() => ({ status: 'still queued', error: null }));
  const queuedAt = performance.now() - upAt;
  const log = await stack.session.call(`/api/runs/${runId}/log`);
  const logLines = String(log.body).replace(/\n$/, '').split('\n');
  const seen = lineTexts(follower.events);
  const compared = compareLines(seen, logLines);
  const idsSeen = follower.events.map((event) => event.id);
  const doubledIds = idsSeen.filter((id, index) => idsSeen.indexOf(id) !== index);
  const steadyCompared = compareLines(lineTexts(steady.events), logLines);
  // Schedules are written when a worker boots; an emptied Redis must get them back without one.
  const schedulesAfter = await waitFor(
    'job schedules',
    () => jobSchedules(stack.redis.url),
    (count) => count >= schedulesBefore,
    5000,
  ).catch(() => 0);
  const after = [
    ready,
    ...follower.attempts.slice(attemptsBefore).filter((attempt) => attempt.status === 200),
  ];

  return [
    ...outageRows(down),
    row('readiness 200 again after Redis started', ms(readyMs), ready.status === 200),
    row(
      'live terminal served again (Last-Event-ID)',
      ms(streamMs),
      follower.finished,
      `${follower.attempts.length} connections`,
    ),
    row('slowest answer after recovery', ms(slowest(after)), slowest(after) < ANSWER_BOUND_MS),
    row(
      'lines seen = run log (none lost or doubled)',
      `${compared.seen} seen / ${compared.log} logged`,
      compared.same && doubledIds.length === 0 && run.status === 'succeeded' && resumedMidStream,
      compared.same
        ? `run ${run.status}`
        : `first difference at line ${compared.first + 1}: seen ${JSON.stringify(seen[compared.first])}, log ${JSON.stringify(logLines[compared.first])}; run ${run.status}`,
    ),
    row(
      'a viewer connected through the outage: lines = log',
      `${steadyCompared.seen} seen, ${steady.attempts.length - steadyAttempts} reconnects`,
      steadyCompared.same,
      steadyCompared.same ? '' : `first difference at line ${steadyCompared.first + 1}`,
    ),
    row(
      'a run queued when Redis emptied still runs',
      `${queued.status} ${ms(queuedAt)} after restart`,
      queued.status === 'succeeded',
      queued.error ?? '',
    ),
    await freshRunRow(stack),
    row(
      'job schedules back (sweeper, purges)',
      `${schedulesAfter}/${schedulesBefore}`,
      schedulesBefore > 0 && schedulesAfter >= schedulesBefore,
    ),
    ...(await invariantRows(stack)),
  ];
}

/**
 * Postgres stopped (`pg_ctl stop -m fast`: every session ends) with a run in flight, kept down, and
 * started again. Nothing is restarted on the Huntkit side.
 */
export async function postgresRestart(stack, mode = 'fast') {
  // One run outlasts the outage; the other ends while Postgres is down, so its worker cannot record it.
  const runId = await launchPathDiscovery(stack, 'medium');
  const shortId = await launchPathDiscovery(stack, 'small');
  const follower = followRun(stack.session, runId);
  const shortFollower = followRun(stack.session, shortId);
  await waitFor(
    'both runs to print',
    async () => Math.min(lineTexts(follower.events).length, lineTexts(shortFollower.events).length),
    (count) => count >= 3,
  );

  await stack.postgres.stop(mode);
  const downAt = performance.now();
  const calls = [
    ['readiness', '/api/health/ready'],
    ['runs', '/api/runs'],
    ['me', '/api/me'],
    [
      'launch',
      '/api/tools/port-scan/runs',
      { method: 'POST', json: { config: { target: '127.0.0.1', ports: '1' }, idempotencyKey: randomUUID() } },
    ],
  ];
  const down = await probeWhile(stack, () => performance.now() - downAt >= OUTAGE_MS, calls);

  await stack.postgres.start();
  const upAt = performance.now();
  const ready = await waitFor(
    'readiness after Postgres is back',
    () => stack.session.call('/api/health/ready'),
    (answer) => answer.status === 200,
  );
  const readyMs = performance.now() - upAt;
  const served = await waitFor(
    'the run list after Postgres is back',
    () => stack.session.call('/api/runs'),
    (answer) => answer.status === 200,
  );
  const servedMs = performance.now() - upAt;
  const ends = await Promise.all(
    [
      [runId, follower],
      [shortId, shortFollower],
    ].map(async ([id, watcher]) => {
      await Promise.race([watcher.done, new Promise((resolve) => setTimeout(resolve, STATE_WAIT_MS))]);
      watcher.stop();
      return {
        run: await finishedRun(stack, id).catch(() => ({ status: 'still running', error: null })),
        streamEnded: watcher.finished,
        at: performance.now() - upAt,
      };
    }),
  );
  const endRow = (measured, { run, streamEnded, at }) =>
    row(
      measured,
      `${run.status} ${ms(at)} after restart`,
      streamEnded && run.status === 'succeeded',
      run.error ?? '',
    );

  return [
    ...outageRows(down),
    row('readiness 200 again after Postgres started', ms(readyMs), ready.status === 200),
    row('signed-in reads served again', ms(servedMs), served.status === 200),
    row(
      'slowest answer after recovery',
      ms(Math.max(ready.ms, served.ms)),
      Math.max(ready.ms, served.ms) < ANSWER_BOUND_MS,
    ),
    endRow('a run outlasting the outage ends well', ends[0]),
    endRow('a run that ended during the outage is recorded', ends[1]),
    await freshRunRow(stack),
    ...(await invariantRows(stack)),
  ];
}

export const SCENARIOS = {
  'redis-restart': {
    title: 'Redis restarted (empty) while a client follows a live run',
    run: redisRestart,
    env: { WORKER_RUN_CONCURRENCY: '1' },
  },
  'postgres-restart': {
    title: 'Postgres restarted (pg_ctl stop -m fast) with runs in flight',
    run: (stack) => postgresRestart(stack, 'fast'),
  },
  'postgres-crash': {
    title: 'Postgres crashed (pg_ctl stop -m immediate) with runs in flight, recovering at start',
    run: (stack) => postgresRestart(stack, 'immediate'),
  },
};
