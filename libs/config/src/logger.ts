// One pino logger for the process, and the adapter Nest logs through. Log lines carry ids and
// codes, never names or emails. On a terminal they are readable (pino-pretty); elsewhere, or with
// LOG_FORMAT=json, one JSON object a line.
import type { LoggerService } from '@nestjs/common';
import { isatty } from 'node:tty';
import pino, { type Logger } from 'pino';
import pinoPretty from 'pino-pretty';
import { resolveLogFormat, type LogFormat } from './log-format';

/** The process's logger, writing to stdout, or to stderr (fd 2) where stdout is a command's output; `format` as LOG_FORMAT. */
export const createLogger = (level: string, fd: 1 | 2 = 1, format: LogFormat = 'auto'): Logger => {
  const options = { level, base: { service: 'rolebook' } };
  if (resolveLogFormat(format, isatty(fd)) === 'json') return pino(options, pino.destination({ fd, sync: true }));
  // a stream in this thread, written synchronously (not a worker-thread transport): every line is out before the process exits
  const pretty = pinoPretty({
    destination: fd,
    sync: true,
    colorize: isatty(fd),
    translateTime: 'SYS:HH:MM:ss.l',
    singleLine: true,
    ignore: 'pid,hostname,service,context',
    messageFormat: '{if context}{context}: {end}{msg}',
  });
  return pino(options, pretty);
};

export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log = (message: unknown, context?: string) => this.logger.info({ context }, String(message));
  error = (message: unknown, trace?: string, context?: string) => this.logger.error({ context, trace }, String(message));
  warn = (message: unknown, context?: string) => this.logger.warn({ context }, String(message));
  debug = (message: unknown, context?: string) => this.logger.debug({ context }, String(message));
  verbose = (message: unknown, context?: string) => this.logger.trace({ context }, String(message));
}
