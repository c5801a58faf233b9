// Exit codes scripts can rely on, and the error a command throws to end with one of them.

export const EXIT = {
  ok: 0,
  /** Something failed at run time: a store that cannot be opened, a precondition on the installation. */
  failure: 1,
  /** The command line or an input was refused: unknown command or option, bad value, invalid slug, name or date. */
  usage: 2,
  /** What the command names does not exist: a tenant, an API key. */
  notFound: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure whose message is for the operator as it stands (no stack trace, no secret). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT.failure,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
