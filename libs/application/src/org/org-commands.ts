// Application service for every org command: takes the command's typed fields, validates them
// with the domain schema, adds the facts the decision needs about other aggregates (through the
// OrgFacts port) and hands the typed command to the executor.
import {
  InvalidInput,
  addTeamMemberSchema,
  assignRoleSchema,
  createTeamSchema,
  defineRoleSchema,
  endRoleAssignmentSchema,
  parse,
  registerPersonSchema,
  removeTeamMemberSchema,
  retireRoleSchema,
  reviseRoleSchema,
  setManagerSchema,
  terminatePersonSchema,
  updatePersonSchema,
  updateTeamSchema,
  type AggregateKind,
  type CommandOf,
  type Instant,
} from '@rolebook/domain';
import type { z } from 'zod';
import type { CommandExecutor } from '../commands/command-executor';
import type { Fields, NewEntityFields } from '../commands/fields';
import type { OrgFacts } from '../commands/org-facts';
import { derivedId } from '../shared/ids';
import type { CommandResult, RequestContext } from '../shared/request-context';

export type DefineRoleFields = NewEntityFields<typeof defineRoleSchema, 'roleId'>;
export type ReviseRoleFields = Fields<typeof reviseRoleSchema>;
export type RetireRoleFields = Fields<typeof retireRoleSchema>;
export type RegisterPersonFields = NewEntityFields<typeof registerPersonSchema, 'personId'>;
export type UpdatePersonFields = Fields<typeof updatePersonSchema>;
export type SetManagerFields = Fields<typeof setManagerSchema>;
/** The assignment's id is the caller's or chosen here. */
export type AssignRoleFields = Omit<Fields<typeof assignRoleSchema>, 'assignmentId'> & { assignmentId?: string | null };
export type EndRoleAssignmentFields = Fields<typeof endRoleAssignmentSchema>;
export type TerminatePersonFields = Fields<typeof terminatePersonSchema>;
export type CreateTeamFields = NewEntityFields<typeof createTeamSchema, 'teamId'>;
export type UpdateTeamFields = Fields<typeof updateTeamSchema>;
export type AddTeamMemberFields = Fields<typeof addTeamMemberSchema>;
export type RemoveTeamMemberFields = Fields<typeof removeTeamMemberSchema>;

/** The reference role keys of the model in force for a tenant at an instant. */
export type ReferenceRoleKeys = (tenantId: string, at: Instant) => Promise<ReadonlySet<string>>;

/** A command schema acting on the entity whose id is in field `Id`. */
type Schema<Id extends string> = z.ZodType<{ type: string; effectiveAt: string } & Record<Id, string>>;

export class OrgCommands {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly facts: OrgFacts,
    private readonly clock: () => Date = () => new Date(),
    private readonly referenceRoleKeys: ReferenceRoleKeys = async () => new Set(),
    /** Who runs the validated commands: the executor, or a batch of it. */
    private readonly runner: Pick<CommandExecutor, 'execute'> = executor,
  ) {}

  /** The same commands, written together: each resolves once `flush` has appended the batch (see CommandBatch). */
  batch(): { commands: OrgCommands; flush: () => Promise<void> } {
    const batch = this.executor.batch();
    return { commands: new OrgCommands(this.executor, this.facts, this.clock, this.referenceRoleKeys, batch), flush: () => batch.flush() };
  }

  /**
   * How commands of one aggregate kind run: validate `fields` as `type`, then execute on the
   * entity named by the command's `idField`, deciding on `decided` (the validated command with
   * the facts it needs). `request` is what the caller sent, which an idempotent retry must repeat.
   */
  private handler<K extends AggregateKind, Id extends string>(kind: K, idField: Id) {
    return async <S extends Schema<Id>>(
      schema: S,
      type: z.output<S>['type'],
      fields: Fields<S>,
      ctx: RequestContext,
      decided: (command: z.output<S>) => Promise<CommandOf<K>> | CommandOf<K>,
      request: object = fields,
    ): Promise<CommandResult> => {
      const command = parse(schema, { ...fields, type, effectiveAt: fields.effectiveAt ?? this.clock().toISOString() });
      return this.runner.execute(kind, command[idField], () => decided(command), { type, ...request }, ctx);
    };
  }

  private readonly role = this.handler('role', 'roleId');
  private readonly person = this.handler('person', 'personId');
  private readonly team = this.handler('team', 'teamId');

  /** A new entity's id: the caller's, or derived from the idempotency key so a retry names the same one. */
  private newId(id: string | null | undefined, ctx: RequestContext, scope: string): string {
    return id ?? derivedId(ctx.idempotencyKey, ctx.tenantId, scope);
  }

  /** A role may only map to a role of the reference model in force when the change takes effect. */
  private async withReferenceRoleChecked<C extends { referenceRoleKey?: string | null; effectiveAt: Instant }>(command: C, ctx: RequestContext): Promise<C> {
    const key = command.referenceRoleKey;
    if (key != null && !(await this.referenceRoleKeys(ctx.tenantId, command.effectiveAt)).has(key)) {
      throw new InvalidInput('UNKNOWN_REFERENCE_ROLE', 'referenceRoleKey is not a role of the reference model in force', 'referenceRoleKey');
    }
    return command;
  }

  // roles

  defineRole = ({ id, ...fields }: DefineRoleFields, ctx: RequestContext) =>
    this.role(defineRoleSchema, 'DefineRole', { ...fields, roleId: this.newId(id, ctx, 'DefineRole') }, ctx, (c) => this.withReferenceRoleChecked(c, ctx), {
      id,
      ...fields,
    });

  reviseRole = (fields: ReviseRoleFields, ctx: RequestContext) =>
    this.role(reviseRoleSchema, 'ReviseRole', fields, ctx, (c) => this.withReferenceRoleChecked(c, ctx));

  retireRole = (fields: RetireRoleFields, ctx: RequestContext) =>
    this.role(retireRoleSchema, 'RetireRole', fields, ctx, async (c) => ({
      ...c,
      activeAssignments: await this.facts.openAssignmentCount(ctx.tenantId, c.roleId, c.effectiveAt),
    }));

  // people

  registerPerson = ({ id, ...fields }: RegisterPersonFields, ctx: RequestContext) =>
    this.person(registerPersonSchema, 'RegisterPerson', { ...fields, personId: this.newId(id, ctx, 'RegisterPerson') }, ctx, (c) => c, { id, ...fields });

  updatePerson = (fields: UpdatePersonFields, ctx: RequestContext) => this.person(updatePersonSchema, 'UpdatePerson', fields, ctx, (c) => c);

  setManager = (fields: SetManagerFields, ctx: RequestContext) =>
    this.person(setManagerSchema, 'SetManager', fields, ctx, async (c) => ({
      ...c,
      manager:
        c.managerId === null
          ? null
          : {
              status: await this.facts.statusAt(ctx.tenantId, 'person', c.managerId, c.effectiveAt),
              line: await this.facts.managerLine(ctx.tenantId, c.managerId, c.effectiveAt),
            },
    }));

  /** Also answers the id of the assignment (the caller's, or one chosen here). */
  assignRole = async (fields: AssignRoleFields, ctx: RequestContext): Promise<CommandResult & { assignmentId: string }> => {
    const assignmentId = fields.assignmentId ?? derivedId(ctx.idempotencyKey, ctx.tenantId, 'AssignRole');
    const result = await this.person(
      assignRoleSchema,
      'AssignRole',
      { ...fields, assignmentId },
      ctx,
      async (c) => ({ ...c, roleStatus: await this.facts.statusAt(ctx.tenantId, 'role', c.roleId, c.effectiveAt) }),
      fields,
    );
    return { ...result, assignmentId };
  };

  endRoleAssignment = (fields: EndRoleAssignmentFields, ctx: RequestContext) =>
    this.person(endRoleAssignmentSchema, 'EndRoleAssignment', fields, ctx, (c) => c);

  terminatePerson = (fields: TerminatePersonFields, ctx: RequestContext) => this.person(terminatePersonSchema, 'TerminatePerson', fields, ctx, (c) => c);

  // teams

  /** The proposed parent team's line upwards (parent first); null when it does not exist. */
  private async parentLine(ctx: RequestContext, parentTeamId: string | null | undefined, at: Instant): Promise<string[] | null> {
    if (!parentTeamId) return null;
    if ((await this.facts.statusAt(ctx.tenantId, 'team', parentTeamId, at)) === 'Unknown') return null;
    return this.facts.teamLine(ctx.tenantId, parentTeamId, at);
  }

  createTeam = ({ id, ...fields }: CreateTeamFields, ctx: RequestContext) =>
    this.team(
      createTeamSchema,
      'CreateTeam',
      { ...fields, teamId: this.newId(id, ctx, 'CreateTeam') },
      ctx,
      async (c) => ({ ...c, parentLine: await this.parentLine(ctx, c.parentTeamId, c.effectiveAt) }),
      { id, ...fields },
    );

  updateTeam = (fields: UpdateTeamFields, ctx: RequestContext) =>
    this.team(updateTeamSchema, 'UpdateTeam', fields, ctx, async (c) => ({ ...c, parentLine: await this.parentLine(ctx, c.parentTeamId, c.effectiveAt) }));

  addTeamMember = (fields: AddTeamMemberFields, ctx: RequestContext) =>
    this.team(addTeamMemberSchema, 'AddTeamMember', fields, ctx, async (c) => ({
      ...c,
      personStatus: await this.facts.statusAt(ctx.tenantId, 'person', c.personId, c.effectiveAt),
    }));

  removeTeamMember = (fields: RemoveTeamMemberFields, ctx: RequestContext) => this.team(removeTeamMemberSchema, 'RemoveTeamMember', fields, ctx, (c) => c);
}
