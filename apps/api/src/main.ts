import 'reflect-metadata';
import {
  APP_VERSION,
  closeOnSignals,
  createHttpApp,
  createLogger,
  loadConfigOrExit,
} from '@huntkit/api/core';
import { AppModule } from './app.module';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.log.level, 'api');
  const app = await createHttpApp(AppModule.forRoot(config), config, { version: APP_VERSION, logger });
  closeOnSignals(app, logger, config.shutdownTimeoutMs);
  await app.listen({ port: config.http.port, host: config.http.host });
  logger.info(
    { url: `http://${config.http.host}:${config.http.port}/api`, version: APP_VERSION },
    'api listening',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `api failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
