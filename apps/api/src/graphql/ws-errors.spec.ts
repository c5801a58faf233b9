import { Conflict } from '@rolebook/domain';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { formatError } from './format-error';
import { graphqlLimits } from './limits';
import { wsErrorHandling } from './ws-errors';
import { loadConfig } from '@rolebook/config';

const setUp = () => {
  const lines: { level: string; fields: Record<string, unknown> }[] = [];
  const at = (level: string) => (fields: Record<string, unknown>) => lines.push({ level, fields });
  const logger = { error: at('error'), warn: at('warn'), info: at('info') } as unknown as Logger;
  return { lines, ws: wsErrorHandling(graphqlLimits(loadConfig({ NODE_ENV: 'production' })), formatError, logger) };
};

describe('graphql-ws error handling', () => {
  it('masks an unexpected resolver error and logs it as an error with the correlation id', () => {
    const { ws, lines } = setUp();
    const bug = new GraphQLError('SqliteError: disk I/O at /secret/path', { originalError: new Error('disk I/O'), path: ['orgChanged'] });
    const result = ws.onNext({} as never, '1', { query: '' }, { contextValue: { correlationId: 'corr-9' } } as never, { data: null, errors: [bug] });
    expect(result).toEqual({ data: null, errors: [{ message: 'Internal server error', path: ['orgChanged'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    expect(lines).toMatchObject([{ level: 'error', fields: { correlationId: 'corr-9', transport: 'ws' } }]);
  });

  it('gives a domain error from a failed subscription its code and reason, logged at info', () => {
    const { ws, lines } = setUp();
    const error = new GraphQLError('stale', { originalError: new Conflict('VERSION_MISMATCH', 'stale', 'expectedVersion') });
    expect(ws.onError({} as never, '1', { query: '' }, [error])).toEqual([
      { message: 'stale', extensions: { code: 'CONFLICT', reason: 'VERSION_MISMATCH', field: 'expectedVersion' } },
    ]);
    expect(lines.map((l) => l.level)).toEqual(['info']);
  });

  it('leaves a result without errors to graphql-ws', () =>
    expect(setUp().ws.onNext({} as never, '1', { query: '' }, {} as never, { data: { a: 1 } })).toBeUndefined());
});
