// The one path of every mutation: split the input into command fields and request context,
// run the command, and say at which instant to show its result.
import type { CommandResult, Input, RequestContext } from '@rolebook/application';
import type { At } from '@rolebook/projections';
import { commandFields, shownAt, type MutationInput } from './mutation.input';
import { commandContext, type GqlContext } from './request-context';

export type Command<R extends CommandResult = CommandResult> = (fields: Input, ctx: RequestContext) => Promise<R>;

export const mutate = async <R extends CommandResult>(input: MutationInput, gql: GqlContext, command: Command<R>): Promise<{ result: R; at: At }> => {
  const result = await command(commandFields(input), commandContext(gql, input));
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
