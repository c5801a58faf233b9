// How log lines are written: readable on a terminal, JSON lines for machines (a pipe, a file, a
// log shipper). `auto` decides by whether the output is a terminal.
import { assertNever } from '@rolebook/domain';

export const LOG_FORMATS = ['auto', 'pretty', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** What `format` means for an output that is (or is not) a terminal. */
export const resolveLogFormat = (format: LogFormat, isTerminal: boolean): 'pretty' | 'json' => {
  switch (format) {
    case 'auto':
      return isTerminal ? 'pretty' : 'json';
    case 'pretty':
    case 'json':
      return format;
    default:
      return assertNever(format);
  }
};
