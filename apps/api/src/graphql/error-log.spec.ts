import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { NotFound } from '@rolebook/domain';
import { errorLog } from './error-log';

const logged = async (errors: GraphQLError[]) => {
  const lines: { fields: Record<string, unknown>; message: string }[] = [];
  const logger = { error: (fields: Record<string, unknown>, message: string) => lines.push({ fields, message }) } as unknown as Logger;
  const hooks = await errorLog(logger).requestDidStart!({} as never);
  await hooks!.didEncounterErrors!({ errors, contextValue: { correlationId: 'corr-7' } } as never);
  return lines;
};

describe('errorLog', () => {
  it('logs an unexpected resolver error with the request correlation id', async () => {
    const bug = new TypeError('x is undefined');
    const lines = await logged([new GraphQLError('x is undefined', { originalError: bug, path: ['person'] })]);
    expect(lines).toEqual([{ fields: { err: bug, correlationId: 'corr-7' }, message: 'unexpected error' }]);
  });

  it('does not log errors it expects: domain errors and invalid requests', async () => {
    const lines = await logged([
      new GraphQLError('no such person', { originalError: new NotFound('person', 'id'), path: ['person'] }),
      new GraphQLError('Cannot query field "x"', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
    ]);
    expect(lines).toEqual([]);
  });
});
