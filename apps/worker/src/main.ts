import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { createLogger, loadConfigOrExit, PinoNestLogger } from '@rolebook/config';
import { shutDownOnSignals } from '@rolebook/runtime';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  if (!config.REDIS_URL) {
    console.error('The worker needs REDIS_URL: it takes drift checks and HRIS deliveries from BullMQ. Without Redis, the API does both in its own process.');
    process.exit(1);
  }
  const logger = createLogger(config.LOG_LEVEL, 1, config.LOG_FORMAT);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, logger), { logger: new PinoNestLogger(logger), abortOnError: false });
  // SIGTERM / SIGINT: take no new job, finish the running ones (BullMQ's close waits for them), close the stores
  shutDownOnSignals({ logger, timeoutMs: config.SHUTDOWN_TIMEOUT_MS, steps: [{ name: 'finishing running jobs, closing stores', run: () => app.close() }] });
  logger.info('Rolebook worker ready (Ctrl-C to stop)');
}

bootstrap().catch((error: unknown) => {
  // e.g. the event store cannot be reached: refuse to start, saying why (no stack, no values)
  console.error(`Rolebook did not start: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  process.exit(1);
});
