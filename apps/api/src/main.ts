import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createLogger, loadConfigOrExit, PinoNestLogger } from '@rolebook/config';
import { bootstrapAdminKey, shutDownOnSignals, type Access, type Rolebook } from '@rolebook/runtime';
import { AppModule } from './app.module';
import { loadDemoOrganization } from './demo/demo-organization';
import { InFlightRequests } from './http/in-flight-requests';
import { startLine } from './http/start-line';
import { ACCESS, ROLEBOOK } from './rolebook.providers';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.LOG_LEVEL, 1, config.LOG_FORMAT);
  const app = await NestFactory.create(AppModule.forRoot(config, logger), { logger: new PinoNestLogger(logger), abortOnError: false, bodyParser: false });
  if (config.AUTH === 'off')
    logger.warn({ tenant: config.DEFAULT_TENANT }, 'AUTH=off: every request acts as an admin of the default tenant; for local experiments only');
  else if (!config.DATABASE_URL) {
    // first start of an embedded installation: the one way in, shown once (only its hash is kept)
    const adminKey = await bootstrapAdminKey(app.get<Access>(ACCESS), config.DEFAULT_TENANT, new Date().toISOString());
    if (adminKey)
      console.log(
        `\nAn admin API key for tenant "${config.DEFAULT_TENANT}" was created. It is shown this once; keep it:\n\n  ${adminKey}\n\nSend it as "Authorization: Bearer <key>" (in GraphiQL: the Headers tab).\n`,
      );
  }
  if (config.DEMO_DATA) {
    const loaded = await loadDemoOrganization(app.get<Rolebook>(ROLEBOOK), config.DEFAULT_TENANT);
    if (loaded) {
      logger.info({ tenant: config.DEFAULT_TENANT }, 'demo organization loaded');
      const run = await app.get<Rolebook>(ROLEBOOK).drift.runCheck(config.DEFAULT_TENANT, 'change');
      logger.info({ tenant: config.DEFAULT_TENANT, open: run.open }, 'drift check of the demo organization');
    }
  }
  await app.listen(config.PORT, config.HOST);
  const server = app.getHttpServer() as Server;
  const requests = new InFlightRequests(server);
  // SIGTERM / SIGINT: stop accepting, finish the requests being answered, then close the app (graphql-ws
  // subscriptions, in-process drift checks and HRIS deliveries, stores), all within SHUTDOWN_TIMEOUT_MS
  shutDownOnSignals({
    logger,
    timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    steps: [
      { name: 'finishing in-flight HTTP requests', run: () => requests.drain(), pending: () => `${requests.count} HTTP request(s) in flight` },
      { name: 'closing subscriptions, finishing running jobs, closing stores', run: () => app.close() },
    ],
  });
  const { port } = server.address() as AddressInfo;
  logger.info({ port, graphiql: config.GRAPHIQL }, startLine(config, port));
}

bootstrap().catch((error: unknown) => {
  // e.g. the event store cannot be reached: refuse to start, saying why (no stack, no values)
  console.error(`Rolebook did not start: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  process.exit(1);
});
