// One pino logger for the process, and the adapter Nest logs through. Log lines carry ids and
// codes, never names or emails.
import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';

/** The process's logger, writing to stdout, or to stderr (fd 2) where stdout is a command's output. */
export const createLogger = (level: string, fd: 1 | 2 = 1): Logger => pino({ level, base: { service: 'rolebook' } }, pino.destination({ fd, sync: true }));

export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log = (message: unknown, context?: string) => this.logger.info({ context }, String(message));
  error = (message: unknown, trace?: string, context?: string) => this.logger.error({ context, trace }, String(message));
  warn = (message: unknown, context?: string) => this.logger.warn({ context }, String(message));
  debug = (message: unknown, context?: string) => this.logger.debug({ context }, String(message));
  verbose = (message: unknown, context?: string) => this.logger.trace({ context }, String(message));
}
