import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { NotFound } from '@rolebook/domain';
import { errorLog } from './error-log';

const logged = async (errors: GraphQLError[]) => {
  const lines: { level: string; fields: Record<string, unknown>; message: string }[] = [];
  const at = (level: string) => (fields: Record<string, unknown>, message: string) => lines.push({ level, fields, message });
  const logger = { error: at('error'), warn: at('warn'), info: at('info') } as unknown as Logger;
  const hooks = await errorLog(logger).requestDidStart!({} as never);
  await hooks!.didEncounterErrors!({ errors, contextValue: { correlationId: 'corr-7' } } as never);
  return lines;
};

describe('errorLog', () => {
  it('logs an unexpected resolver error with the request correlation id', async () => {
    const bug = new TypeError('x is undefined');
    const lines = await logged([new GraphQLError('x is undefined', { originalError: bug, path: ['person'] })]);
    expect(lines).toEqual([{ level: 'error', fields: { err: bug, correlationId: 'corr-7', transport: 'http' }, message: 'unexpected error' }]);
  });

  it('logs errors it expects (domain errors, invalid requests) at info, by code and reason only', async () => {
    const lines = await logged([
      new GraphQLError('no such person', { originalError: new NotFound('person', 'id'), path: ['person'] }),
      new GraphQLError('Cannot query field "x"', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
    ]);
    expect(lines.map((l) => l.level)).toEqual(['info', 'info']);
    expect(lines.map((l) => l.fields['code'])).toEqual(['NOT_FOUND', 'GRAPHQL_VALIDATION_FAILED']);
    expect(JSON.stringify(lines)).not.toContain('Cannot query');
  });
});
