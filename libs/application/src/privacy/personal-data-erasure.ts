// Erasure of a person's personal data (crypto-shredding): their data key is destroyed, so every
// name, email and reason sealed with it in the log reads as a placeholder from then on, and a
// PersonalDataErased event records the erasure with the requester's reason. The org structure
// (role history, assignments, reporting lines, memberships) is not personal data and stays.
//
// The key goes first, then the event: a crash in between leaves the person erased (every read
// shows the placeholders) and a retry records the event; the other order could leave an erasure
// on record whose key still opens the data. Readers of the log destroy the key again on reading
// the event (SealingEventStore), which covers a key store restored from an older backup.
import { InvalidInput, NotFound, erasePersonalDataSchema, parse, type Instant } from '@rolebook/domain';
import { z } from 'zod';
import type { CommandExecutor } from '../commands/command-executor';
import type { CommandResult, RequestContext } from '../shared/request-context';

/** Destroys a person's data key for good (idempotent). */
export interface PersonalDataKeys {
  destroy(tenantId: string, personId: string): Promise<void>;
}

export interface ErasePersonalDataFields {
  personId: string;
}

const reason = z.string({ error: 'is required' }).trim().min(1, { message: 'must not be empty' }).max(2000, { message: 'must be at most 2000 characters' });

export class PersonalDataErasure {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly keys: PersonalDataKeys,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** `ctx.reason` is required: why (a request reference), recorded in the clear, so it must not name the person. */
  erase = async (fields: ErasePersonalDataFields, ctx: RequestContext): Promise<CommandResult> => {
    const effectiveAt: Instant = this.clock().toISOString();
    const command = parse(erasePersonalDataSchema, { type: 'ErasePersonalData', personId: fields.personId, effectiveAt });
    const why = reason.safeParse(ctx.reason);
    if (!why.success) throw new InvalidInput('INVALID_INPUT', `reason ${why.error.issues[0]!.message}`, 'reason');
    // an unknown person has no key to destroy; the decider refuses it again below, racing or not
    if ((await this.executor.load(ctx.tenantId, 'person', command.personId)).status === 'Unknown') throw new NotFound('person', 'personId');
    await this.keys.destroy(ctx.tenantId, command.personId);
    return this.executor.execute(
      'person',
      command.personId,
      () => command,
      { type: command.type, personId: command.personId, reason: why.data },
      {
        ...ctx,
        reason: why.data,
      },
    );
  };
}
