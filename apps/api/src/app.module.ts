import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { isProduction, type Config } from '@rolebook/config';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { ACCESS_RULES, ARGUMENT_RULES } from './auth/access-rules';
import { authorizeSchema } from './auth/authorize-schema';
import { LiveConnections } from './auth/live-connections';
import { httpContext, wsServerOptions } from './auth/transport-context';
import { errorLog } from './graphql/error-log';
import { subscriptionsOverWsOnly } from './graphql/subscriptions-over-ws';
import { createFormatError } from './graphql/format-error';
import { graphqlLimits } from './graphql/limits';
import { describeRootTypes } from './graphql/root-types';
import type { Authenticate } from './graphql/request-context';
import { wsErrorHandling } from './graphql/ws-errors';
import { HttpHardeningModule } from './http/http-hardening.module';
import { SignInOptionsController } from './auth/sign-in-options.controller';
import { HealthController } from './health/health.controller';
import { METRICS, type Metrics } from './health/metrics';
import { MetricsController } from './health/metrics.controller';
import { rateLimitPlugin } from './rate-limits/rate-limit.plugin';
import type { RateLimits } from './rate-limits/rate-limits';
import { RESOLVERS } from './resolvers';
import { AUTHENTICATE, RATE_LIMITS } from './rolebook.providers';
import { RolebookModule } from './rolebook.module';
import { WebhooksModule } from './webhooks/webhooks.module';

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
          inject: [METRICS, AUTHENTICATE, LiveConnections, RATE_LIMITS],
          useFactory: (metrics: Metrics, authenticate: Authenticate, connections: LiveConnections, rateLimits: RateLimits) => ({
            autoSchemaFile: true,
            sortSchema: true,
            graphiql: false, // served by HttpHardeningModule (pinned, integrity-checked, with a CSP) when config.GRAPHIQL
            introspection: limits.introspection,
            parseOptions: limits.parseOptions,
            includeStacktraceInErrorResponses: false,
            allowBatchedHttpRequests: false,
            // no cache hints are given, and the cache-control plugin Apollo installs otherwise wraps every field's resolver to gather them
            plugins: [
              subscriptionsOverWsOnly,
              rateLimitPlugin(rateLimits),
              ...limits.plugins,
              metrics.plugin,
              errorLog(logger),
              ApolloServerPluginCacheControlDisabled(),
              ApolloServerPluginInlineTraceDisabled(),
            ],
            validationRules: limits.validationRules,
            formatError,
            context: httpContext(authenticate, logger, rateLimits),
            transformSchema: (schema: GraphQLSchema) => authorizeSchema(describeRootTypes(schema), ACCESS_RULES, ARGUMENT_RULES),
            subscriptions: {
              'graphql-ws': wsServerOptions({
                authenticate,
                connections,
                logger,
                allowedOrigins: config.WS_ALLOWED_ORIGINS,
                maxSubscriptionsPerConnection: config.WS_MAX_SUBSCRIPTIONS_PER_CONNECTION,
                maxMessagesPerSecond: config.WS_MAX_MESSAGES_PER_SECOND,
                limits: rateLimits,
                errors: wsErrorHandling(limits, formatError, logger),
              }) as object,
            },
          }),
        }),
      ],
      controllers: [HealthController, MetricsController, SignInOptionsController],
      providers: RESOLVERS,
    };
  }
}
