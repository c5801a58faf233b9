import { BadRequestException, type ArgumentsHost } from '@nestjs/common';
import type { Logger } from 'pino';
import { UnexpectedErrorFilter } from './unexpected-error.filter';

const answer = (exception: unknown, headers: Record<string, string> = {}) => {
  const logged: { fields: Record<string, unknown>; message: string }[] = [];
  const logger = { error: (fields: Record<string, unknown>, message: string) => logged.push({ fields, message }) } as unknown as Logger;
  const sent: { status?: number; body?: unknown } = {};
  const response = {
    status: (status: number) => ((sent.status = status), response),
    json: (body: unknown) => void (sent.body = body),
  };
  const request = { headers, method: 'POST', route: { path: '/webhooks/:provider' } };
  const host = { switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }) } as unknown as ArgumentsHost;
  new UnexpectedErrorFilter(logger).catch(exception, host);
  return { sent, logged };
};

describe('UnexpectedErrorFilter', () => {
  it('answers an HttpException as the controller chose, and logs nothing', () => {
    const { sent, logged } = answer(new BadRequestException('The body must be JSON'));
    expect(sent).toEqual({ status: 400, body: { statusCode: 400, message: 'The body must be JSON', error: 'Bad Request' } });
    expect(logged).toEqual([]);
  });

  it('logs anything else with a correlation id that the 500 carries, and says nothing about it', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'employee')");
    const { sent, logged } = answer(bug, { 'x-correlation-id': 'vendor-req-42' });
    expect(sent).toEqual({ status: 500, body: { statusCode: 500, message: 'Internal server error', correlationId: 'vendor-req-42' } });
    expect(logged).toEqual([{ fields: expect.objectContaining({ err: bug, correlationId: 'vendor-req-42' }), message: 'unexpected error' }]);
  });

  it('makes up a correlation id when the caller sent none or an unusable one', () => {
    const { sent, logged } = answer(new Error('disk I/O error'), { 'x-correlation-id': 'has spaces in it' });
    const correlationId = (sent.body as { correlationId: string }).correlationId;
    expect(correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(logged[0]!.fields['correlationId']).toBe(correlationId);
  });
});
