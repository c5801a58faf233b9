import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createLogger, loadConfigOrExit, PinoNestLogger } from '@rolebook/config';
import type { Rolebook } from '@rolebook/runtime';
import { AppModule } from './app.module';
import { loadDemoOrganization } from './demo/demo-organization';
import { ROLEBOOK } from './rolebook.providers';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.LOG_LEVEL);
  const app = await NestFactory.create(AppModule.forRoot(config, logger), { logger: new PinoNestLogger(logger), abortOnError: false, rawBody: true });
  app.enableShutdownHooks();
  if (config.DEMO_DATA) {
    const loaded = await loadDemoOrganization(app.get<Rolebook>(ROLEBOOK), config.DEFAULT_TENANT);
    if (loaded) {
      logger.info({ tenant: config.DEFAULT_TENANT }, 'demo organization loaded');
      const run = await app.get<Rolebook>(ROLEBOOK).drift.runCheck(config.DEFAULT_TENANT, 'change');
      logger.info({ tenant: config.DEFAULT_TENANT, open: run.open }, 'drift check of the demo organization');
    }
  }
  await app.listen(config.PORT, config.HOST);
  const url = `http://localhost:${((app.getHttpServer() as Server).address() as AddressInfo).port}/graphql`;
  logger.info({ url }, 'Rolebook API ready');
  console.log(`\nRolebook GraphQL API: ${url}\n`);
}

bootstrap().catch((error: unknown) => {
  // e.g. the event store cannot be reached: refuse to start, saying why (no stack, no values)
  console.error(`Rolebook did not start: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  process.exit(1);
});
