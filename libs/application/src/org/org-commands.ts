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

type Schema = z.ZodType<{ type: string; effectiveAt: string }>;

export class OrgCommands {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly facts: OrgFacts,
    private readonly clock: () => Date = () => new Date(),
    private readonly referenceRoleKeys: ReferenceRoleKeys = async () => new Set(),
  ) {}

  /**
   * Validates `fields` as `type`, then executes on the entity the command names.
   * @param fields the command's fields (with any id chosen here)
   * @param request what the caller sent, which is what an idempotent retry must repeat
   * @param idOf the entity the validated command acts on
   * @param decided the command decide takes: the validated one with the facts it needs
   */
  private async run<K extends AggregateKind, S extends Schema>(
    kind: K,
    schema: S,
    type: z.output<S>['type'],
    fields: Fields<S>,
    request: object,
    ctx: RequestContext,
    idOf: (command: z.output<S>) => string,
    decided: (command: z.output<S>) => Promise<CommandOf<K>> | CommandOf<K>,
  ): Promise<CommandResult> {
    const command = parse(schema, { ...fields, type, effectiveAt: fields.effectiveAt ?? this.clock().toISOString() });
    return this.executor.execute(kind, idOf(command), () => decided(command), { type, ...request }, ctx);
  }

  /** A new entity's id: the caller's, or derived from the idempotency key so a retry names the same one. */
  private newId(id: string | null | undefined, ctx: RequestContext, scope: string): string {
    return id ?? derivedId(ctx.idempotencyKey, ctx.tenantId, scope);
  }

  /** A role may only map to a role of the reference model in force when the change takes effect. */
  private async checkReferenceRole(key: string | null | undefined, at: Instant, ctx: RequestContext): Promise<void> {
    if (key == null) return;
    if (!(await this.referenceRoleKeys(ctx.tenantId, at)).has(key)) {
      throw new InvalidInput('UNKNOWN_REFERENCE_ROLE', 'referenceRoleKey is not a role of the reference model in force', 'referenceRoleKey');
    }
  }

  // roles

  defineRole = (fields: DefineRoleFields, ctx: RequestContext) => {
    const { id, ...rest } = fields;
    return this.run(
      'role',
      defineRoleSchema,
      'DefineRole',
      { ...rest, roleId: this.newId(id, ctx, 'DefineRole') },
      fields,
      ctx,
      (c) => c.roleId,
      async (c) => {
        await this.checkReferenceRole(c.referenceRoleKey, c.effectiveAt, ctx);
        return c;
      },
    );
  };

  reviseRole = (fields: ReviseRoleFields, ctx: RequestContext) =>
    this.run(
      'role',
      reviseRoleSchema,
      'ReviseRole',
      fields,
      fields,
      ctx,
      (c) => c.roleId,
      async (c) => {
        await this.checkReferenceRole(c.referenceRoleKey, c.effectiveAt, ctx);
        return c;
      },
    );

  retireRole = (fields: RetireRoleFields, ctx: RequestContext) =>
    this.run(
      'role',
      retireRoleSchema,
      'RetireRole',
      fields,
      fields,
      ctx,
      (c) => c.roleId,
      async (c) => ({
        ...c,
        activeAssignments: await this.facts.openAssignmentCount(ctx.tenantId, c.roleId, c.effectiveAt),
      }),
    );

  // people

  registerPerson = (fields: RegisterPersonFields, ctx: RequestContext) => {
    const { id, ...rest } = fields;
    return this.run(
      'person',
      registerPersonSchema,
      'RegisterPerson',
      { ...rest, personId: this.newId(id, ctx, 'RegisterPerson') },
      fields,
      ctx,
      (c) => c.personId,
      (c) => c,
    );
  };

  updatePerson = (fields: UpdatePersonFields, ctx: RequestContext) =>
    this.run(
      'person',
      updatePersonSchema,
      'UpdatePerson',
      fields,
      fields,
      ctx,
      (c) => c.personId,
      (c) => c,
    );

  setManager = (fields: SetManagerFields, ctx: RequestContext) =>
    this.run(
      'person',
      setManagerSchema,
      'SetManager',
      fields,
      fields,
      ctx,
      (c) => c.personId,
      async (c) => ({
        ...c,
        manager:
          c.managerId === null
            ? null
            : {
                status: await this.facts.statusAt(ctx.tenantId, 'person', c.managerId, c.effectiveAt),
                line: await this.facts.managerLine(ctx.tenantId, c.managerId, c.effectiveAt),
              },
      }),
    );

  /** Also answers the id of the assignment (the caller's, or one chosen here). */
  assignRole = async (fields: AssignRoleFields, ctx: RequestContext): Promise<CommandResult & { assignmentId: string }> => {
    const assignmentId = fields.assignmentId ?? derivedId(ctx.idempotencyKey, ctx.tenantId, 'AssignRole');
    const result = await this.run(
      'person',
      assignRoleSchema,
      'AssignRole',
      { ...fields, assignmentId },
      fields,
      ctx,
      (c) => c.personId,
      async (c) => ({
        ...c,
        roleStatus: await this.facts.statusAt(ctx.tenantId, 'role', c.roleId, c.effectiveAt),
      }),
    );
    return { ...result, assignmentId };
  };

  endRoleAssignment = (fields: EndRoleAssignmentFields, ctx: RequestContext) =>
    this.run(
      'person',
      endRoleAssignmentSchema,
      'EndRoleAssignment',
      fields,
      fields,
      ctx,
      (c) => c.personId,
      (c) => c,
    );

  terminatePerson = (fields: TerminatePersonFields, ctx: RequestContext) =>
    this.run(
      'person',
      terminatePersonSchema,
      'TerminatePerson',
      fields,
      fields,
      ctx,
      (c) => c.personId,
      (c) => c,
    );

  // teams

  private async parentLine(ctx: RequestContext, parentTeamId: string | null | undefined, at: Instant): Promise<string[] | null> {
    if (!parentTeamId) return null;
    if ((await this.facts.statusAt(ctx.tenantId, 'team', parentTeamId, at)) === 'Unknown') return null;
    return this.facts.teamLine(ctx.tenantId, parentTeamId, at);
  }

  createTeam = (fields: CreateTeamFields, ctx: RequestContext) => {
    const { id, ...rest } = fields;
    return this.run(
      'team',
      createTeamSchema,
      'CreateTeam',
      { ...rest, teamId: this.newId(id, ctx, 'CreateTeam') },
      fields,
      ctx,
      (c) => c.teamId,
      async (c) => ({
        ...c,
        parentLine: await this.parentLine(ctx, c.parentTeamId, c.effectiveAt),
      }),
    );
  };

  updateTeam = (fields: UpdateTeamFields, ctx: RequestContext) =>
    this.run(
      'team',
      updateTeamSchema,
      'UpdateTeam',
      fields,
      fields,
      ctx,
      (c) => c.teamId,
      async (c) => ({
        ...c,
        parentLine: await this.parentLine(ctx, c.parentTeamId, c.effectiveAt),
      }),
    );

  addTeamMember = (fields: AddTeamMemberFields, ctx: RequestContext) =>
    this.run(
      'team',
      addTeamMemberSchema,
      'AddTeamMember',
      fields,
      fields,
      ctx,
      (c) => c.teamId,
      async (c) => ({
        ...c,
        personStatus: await this.facts.statusAt(ctx.tenantId, 'person', c.personId, c.effectiveAt),
      }),
    );

  removeTeamMember = (fields: RemoveTeamMemberFields, ctx: RequestContext) =>
    this.run(
      'team',
      removeTeamMemberSchema,
      'RemoveTeamMember',
      fields,
      fields,
      ctx,
      (c) => c.teamId,
      (c) => c,
    );
}
