import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { Config } from '@rolebook/config';
import { DomainError } from '@rolebook/domain';
import { GraphQLError } from 'graphql';
import type { Request } from 'express';
import type { Logger } from 'pino';
import { formatError } from './graphql/format-error';
import { contextFromHeaders } from './graphql/request-context';
import { HealthController } from './health/health.controller';
import { RESOLVERS } from './resolvers';
import { RolebookModule } from './rolebook.module';

const requestContext = (config: Config) => ({ req }: { req: Request }) => {
  try {
    return contextFromHeaders(req.headers, config.DEFAULT_TENANT);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    throw new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT', reason: error.reason, http: { status: 400 } } });
  }
};

@Module({})
export class AppModule {
  static forRoot(config: Config, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        RolebookModule.forRoot(config, logger),
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          autoSchemaFile: true,
          sortSchema: true,
          graphiql: config.GRAPHIQL,
          includeStacktraceInErrorResponses: false,
          formatError: formatError(logger),
          context: requestContext(config),
        }),
      ],
      controllers: [HealthController],
      providers: RESOLVERS,
    };
  }
}
