import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { createLogger, loadConfigOrExit, PinoNestLogger } from '@rolebook/config';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.LOG_LEVEL);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, logger), { logger: new PinoNestLogger(logger) });
  app.enableShutdownHooks();
  logger.info('Rolebook worker ready');
}

void bootstrap();
