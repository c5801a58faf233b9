import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { createLogger, loadConfigOrExit, PinoNestLogger } from '@rolebook/config';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  if (!config.REDIS_URL) {
    console.error('The worker needs REDIS_URL: it takes drift checks and HRIS deliveries from BullMQ. Without Redis, the API does both in its own process.');
    process.exit(1);
  }
  const logger = createLogger(config.LOG_LEVEL);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, logger), { logger: new PinoNestLogger(logger), abortOnError: false });
  app.enableShutdownHooks();
  logger.info('Rolebook worker ready');
}

bootstrap().catch((error: unknown) => {
  // e.g. the event store cannot be reached: refuse to start, saying why (no stack, no values)
  console.error(`Rolebook did not start: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  process.exit(1);
});
