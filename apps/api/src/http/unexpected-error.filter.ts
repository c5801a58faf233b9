// HTTP endpoints outside GraphQL (HRIS webhooks): an HttpException is the answer the controller
// chose; anything else is a bug or an outage, logged with a correlation id (the caller's
// x-correlation-id when it is a sane one, else a fresh one) that the 500 answer carries too, so
// the sender's report can be matched to the log. Nothing else about the error leaves the server.
import { Catch, HttpException, HttpStatus, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { LOGGER } from '../rolebook.providers';

const CORRELATION_ID = /^[\x21-\x7e]{1,200}$/;

@Catch()
export class UnexpectedErrorFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      response.status(exception.getStatus()).json(typeof body === 'string' ? { statusCode: exception.getStatus(), message: body } : body);
      return;
    }
    const sent = request.headers['x-correlation-id'];
    const correlationId = typeof sent === 'string' && CORRELATION_ID.test(sent) ? sent : randomUUID();
    this.logger.error(
      { err: exception, correlationId, method: request.method, route: (request.route as { path?: string } | undefined)?.path },
      'unexpected error',
    );
    response.status(HttpStatus.INTERNAL_SERVER_ERROR).json({ statusCode: HttpStatus.INTERNAL_SERVER_ERROR, message: 'Internal server error', correlationId });
  }
}
