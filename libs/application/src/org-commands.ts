// Application service for every org command: validates input with the domain schemas, looks up
// the facts a decision needs from other aggregates, and hands over to the executor.
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
  type Status,
} from '@rolebook/domain';
import type { OrgQueries } from '@rolebook/projections';
import type { z } from 'zod';
import type { CommandExecutor } from './command-executor';
import { derivedId } from './ids';
import type { CommandResult, RequestContext } from './request-context';

/** Raw request fields: validated here, never trusted. `effectiveAt` defaults to now. */
export type Input = Record<string, unknown>;

/** The reference role keys of the model in force for a tenant at an instant. */
export type ReferenceRoleKeys = (tenantId: string, at: string) => Promise<ReadonlySet<string>>;

export class OrgCommands {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly queries: OrgQueries,
    private readonly clock: () => Date = () => new Date(),
    private readonly referenceRoleKeys: ReferenceRoleKeys = async () => new Set(),
  ) {}

  /** A role may only map to a role of the reference model in force when the change takes effect. */
  private async checkReferenceRole(c: { referenceRoleKey?: string | null; effectiveAt: string }, ctx: RequestContext): Promise<object> {
    if (c.referenceRoleKey == null) return {};
    if (!(await this.referenceRoleKeys(ctx.tenantId, c.effectiveAt)).has(c.referenceRoleKey)) {
      throw new InvalidInput('UNKNOWN_REFERENCE_ROLE', 'referenceRoleKey is not a role of the reference model in force', 'referenceRoleKey');
    }
    return {};
  }

  /** The command fields: the request's, ids the application chose, and effectiveAt defaulting to now. */
  private fields(type: string, input: Input, extra: Input = {}): { fields: Input; request: Input } {
    return {
      fields: { ...input, ...extra, type, effectiveAt: input['effectiveAt'] ?? this.clock().toISOString() },
      // what the caller sent, which is what an idempotent retry must repeat
      request: { type, ...input },
    };
  }

  private statusAt(ctx: RequestContext, kind: AggregateKind, id: string, at: string): Promise<Status> {
    return this.executor.statusAt(ctx.tenantId, kind, id, at);
  }

  private async run<S extends z.ZodType<{ type: string; effectiveAt: string }>>(
    kind: AggregateKind,
    idField: string,
    schema: S,
    { fields, request }: { fields: Input; request: Input },
    ctx: RequestContext,
    withContext: (command: z.output<S>) => Promise<object> | object = () => ({}),
  ): Promise<CommandResult> {
    const command = parse(schema, fields);
    const id = (command as Record<string, unknown>)[idField] as string;
    return this.executor.execute(kind, id, command, request, async (c) => ({ ...c, ...(await withContext(c)) }), ctx);
  }

  /** A new entity's id: the caller's, or derived from the idempotency key so a retry names the same one. */
  private newId(input: Input, ctx: RequestContext, scope: string): string {
    return (input['id'] as string | undefined) ?? derivedId(ctx.idempotencyKey, ctx.tenantId, scope);
  }

  // roles

  defineRole = (input: Input, ctx: RequestContext) =>
    this.run('role', 'roleId', defineRoleSchema, this.fields('DefineRole', input, { roleId: this.newId(input, ctx, 'DefineRole') }), ctx, (c) =>
      this.checkReferenceRole(c, ctx),
    );

  reviseRole = (input: Input, ctx: RequestContext) =>
    this.run('role', 'roleId', reviseRoleSchema, this.fields('ReviseRole', input), ctx, (c) => this.checkReferenceRole(c, ctx));

  retireRole = (input: Input, ctx: RequestContext) =>
    this.run('role', 'roleId', retireRoleSchema, this.fields('RetireRole', input), ctx, (c) => ({
      activeAssignments: this.queries.openAssignmentCount(ctx.tenantId, c.roleId, c.effectiveAt),
    }));

  // people

  registerPerson = (input: Input, ctx: RequestContext) =>
    this.run('person', 'personId', registerPersonSchema, this.fields('RegisterPerson', input, { personId: this.newId(input, ctx, 'RegisterPerson') }), ctx);

  updatePerson = (input: Input, ctx: RequestContext) => this.run('person', 'personId', updatePersonSchema, this.fields('UpdatePerson', input), ctx);

  setManager = (input: Input, ctx: RequestContext) =>
    this.run('person', 'personId', setManagerSchema, this.fields('SetManager', input), ctx, async (c) => ({
      manager:
        c.managerId === null
          ? null
          : {
              status: await this.statusAt(ctx, 'person', c.managerId, c.effectiveAt),
              line: this.queries.managerLine(ctx.tenantId, c.managerId, c.effectiveAt),
            },
    }));

  /** Also answers the id of the assignment (the caller's, or one chosen here). */
  assignRole = async (input: Input, ctx: RequestContext): Promise<CommandResult & { assignmentId: string }> => {
    const assignmentId = (input['assignmentId'] as string | undefined) ?? derivedId(ctx.idempotencyKey, ctx.tenantId, 'AssignRole');
    const result = await this.run('person', 'personId', assignRoleSchema, this.fields('AssignRole', input, { assignmentId }), ctx, async (c) => ({
      roleStatus: await this.statusAt(ctx, 'role', c.roleId, c.effectiveAt),
    }));
    return { ...result, assignmentId };
  };

  endRoleAssignment = (input: Input, ctx: RequestContext) =>
    this.run('person', 'personId', endRoleAssignmentSchema, this.fields('EndRoleAssignment', input), ctx);

  terminatePerson = (input: Input, ctx: RequestContext) =>
    this.run('person', 'personId', terminatePersonSchema, this.fields('TerminatePerson', input), ctx);

  // teams

  private async parentLine(ctx: RequestContext, parentTeamId: string | null | undefined, at: string): Promise<string[] | null> {
    if (!parentTeamId) return null;
    if ((await this.statusAt(ctx, 'team', parentTeamId, at)) === 'Unknown') return null;
    return this.queries.teamLine(ctx.tenantId, parentTeamId, at);
  }

  createTeam = (input: Input, ctx: RequestContext) =>
    this.run('team', 'teamId', createTeamSchema, this.fields('CreateTeam', input, { teamId: this.newId(input, ctx, 'CreateTeam') }), ctx, async (c) => ({
      parentLine: await this.parentLine(ctx, c.parentTeamId, c.effectiveAt),
    }));

  updateTeam = (input: Input, ctx: RequestContext) =>
    this.run('team', 'teamId', updateTeamSchema, this.fields('UpdateTeam', input), ctx, async (c) => ({
      parentLine: await this.parentLine(ctx, c.parentTeamId, c.effectiveAt),
    }));

  addTeamMember = (input: Input, ctx: RequestContext) =>
    this.run('team', 'teamId', addTeamMemberSchema, this.fields('AddTeamMember', input), ctx, async (c) => ({
      personStatus: await this.statusAt(ctx, 'person', c.personId, c.effectiveAt),
    }));

  removeTeamMember = (input: Input, ctx: RequestContext) =>
    this.run('team', 'teamId', removeTeamMemberSchema, this.fields('RemoveTeamMember', input), ctx);
}
