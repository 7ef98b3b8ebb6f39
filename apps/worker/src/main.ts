import 'reflect-metadata';
import { closeOnSignals, createLogger, loadConfigOrExit, NestPinoLogger } from '@huntkit/api/core';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.log.level, 'worker');
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: new NestPinoLogger(logger),
  });
  closeOnSignals(app, logger, config.shutdownTimeoutMs);
  await app.init();
  logger.info({ concurrency: config.worker.concurrency }, 'worker ready');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `worker failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
