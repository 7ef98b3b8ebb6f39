import pino, { type Logger } from 'pino';
import type { LogLevel } from '../config/app-config';

/** Paths that may carry credentials; pino replaces their values before anything is written. */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
  '*.secret',
  '*.apiKey',
];

/**
 * JSON lines to stdout. The destination is asynchronous: under load, lines written while a write is
 * in flight are coalesced into one syscall instead of one per request, and pino flushes it on exit.
 */
export function createLogger(level: LogLevel, service: string): Logger {
  const destination = pino.destination({ dest: 1, sync: false });
  return pino(
    {
      level,
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}
