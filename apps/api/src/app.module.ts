import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { isProduction, type Config } from '@rolebook/config';
import { DomainError } from '@rolebook/domain';
import { GraphQLError } from 'graphql';
import type { Request } from 'express';
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { errorLog } from './graphql/error-log';
import { createFormatError } from './graphql/format-error';
import { graphqlLimits } from './graphql/limits';
import { wsErrorHandling } from './graphql/ws-errors';
import { HttpHardeningModule } from './http/http-hardening.module';
import { contextFromHeaders } from './graphql/request-context';
import { HealthController } from './health/health.controller';
import { METRICS, type Metrics } from './health/metrics';
import { MetricsController } from './health/metrics.controller';
import { RESOLVERS } from './resolvers';
import { RolebookModule } from './rolebook.module';
import { WebhooksModule } from './webhooks/webhooks.module';

const requestContext =
  (config: Config) =>
  ({ req }: { req: Request }) => {
    try {
      return contextFromHeaders(req.headers, config.DEFAULT_TENANT);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      throw new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT', reason: error.reason, http: { status: 400 } } });
    }
  };

type WsContext = { connectionParams?: Record<string, unknown>; extra: { request: IncomingMessage } };

/** Over graphql-ws the same headers may come as connection params (browsers cannot set headers). */
const wsContext = (config: Config, ctx: WsContext) => {
  const params = Object.fromEntries(
    Object.entries(ctx.connectionParams ?? {})
      .filter(([, v]) => typeof v === 'string')
      .map(([k, v]) => [k.toLowerCase(), v as string]),
  );
  return contextFromHeaders({ ...ctx.extra.request.headers, ...params }, config.DEFAULT_TENANT);
};

@Module({})
export class AppModule {
  static forRoot(config: Config, logger: Logger): DynamicModule {
    const limits = graphqlLimits(config);
    // hygiene: one error shape on HTTP and graphql-ws; suggestions and introspection only outside production
    const formatError = createFormatError({ suggestions: !isProduction(config) });
    return {
      module: AppModule,
      imports: [
        RolebookModule.forRoot(config, logger),
        HttpHardeningModule.forRoot(),
        WebhooksModule.forRoot(),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          inject: [METRICS],
          useFactory: (metrics: Metrics) => ({
            autoSchemaFile: true,
            sortSchema: true,
            graphiql: false, // served by HttpHardeningModule (pinned, integrity-checked, with a CSP) when config.GRAPHIQL
            introspection: limits.introspection,
            parseOptions: limits.parseOptions,
            includeStacktraceInErrorResponses: false,
            allowBatchedHttpRequests: false,
            plugins: [...limits.plugins, metrics.plugin, errorLog(logger)],
            validationRules: limits.validationRules,
            formatError,
            context: requestContext(config),
            subscriptions: {
              'graphql-ws': {
                path: '/graphql',
                // a bad tenant or header closes the connection (4403) before any subscription
                onConnect: (ctx: WsContext) => {
                  try {
                    wsContext(config, ctx);
                    return true;
                  } catch {
                    return false;
                  }
                },
                context: (ctx: WsContext) => wsContext(config, ctx),
                ...wsErrorHandling(limits, formatError, logger),
              } as object,
            },
          }),
        }),
      ],
      controllers: [HealthController, MetricsController],
      providers: RESOLVERS,
    };
  }
}
