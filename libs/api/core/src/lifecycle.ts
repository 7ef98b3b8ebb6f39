import type { INestApplicationContext } from '@nestjs/common';
import type { Logger } from 'pino';
import { ConfigError, loadConfig } from './config/load-config';
import type { AppConfig } from './config/app-config';

/** Loads the configuration or stops the process with a message naming each bad variable. */
export function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee the configuration table in README.md.\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}

/**
 * On SIGTERM or SIGINT: stop taking new work, let in-flight requests and jobs finish (Nest closes
 * Fastify and the BullMQ workers), and exit; a process that cannot finish in time is ended anyway.
 */
export function closeOnSignals(app: INestApplicationContext, logger: Logger, timeoutMs: number): void {
  let closing = false;
  const close = async (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down: finishing in-flight work');
    setTimeout(() => {
      logger.error({ timeoutMs }, 'shutdown timed out; exiting with work unfinished');
      process.exit(1);
    }, timeoutMs).unref();
    try {
      await app.close();
      logger.info('shutdown complete');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, (s) => void close(s));
}
