// The one path of every mutation: the command's typed fields (mapped from the input by the
// resolver) and the request context, then the instant to show its result at.
import type { CommandResult, RequestContext } from '@rolebook/application';
import type { At } from '@rolebook/projections';
import { shownAt, type MutationInput } from './mutation.input';
import { commandContext, type GqlContext } from './request-context';

export type Command<F, R extends CommandResult = CommandResult> = (fields: F, ctx: RequestContext) => Promise<R>;

export const mutate = async <F, R extends CommandResult>(
  input: MutationInput,
  gql: GqlContext,
  command: Command<F, R>,
  fields: NoInfer<F>,
): Promise<{ result: R; at: At }> => {
  const result = await command(fields, commandContext(gql, input));
  return { result, at: shownAt(input, new Date()) };
};

export const payloadFields = (result: CommandResult) => ({
  version: result.version,
  position: result.position === null ? null : String(result.position),
  changed: result.changed,
});

/** The changed entity, which must be readable after the command (read-your-writes). */
export const mustExist = <T>(entity: T | null, what: string): T => {
  if (entity === null) throw new Error(`${what} not readable after its command`);
  return entity;
};
