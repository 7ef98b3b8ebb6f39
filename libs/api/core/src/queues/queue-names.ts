/** Every BullMQ queue of the platform, in one place so producers and processors agree. */
export const QueueName = {
  workerProbes: 'worker-probes',
  mail: 'mail',
  sessions: 'sessions',
  auth: 'auth',
  credits: 'credits',
  toolRuns: 'tool-runs',
  workflows: 'workflows',
} as const;

export type QueueName = (typeof QueueName)[keyof typeof QueueName];
