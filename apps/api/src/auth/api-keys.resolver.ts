// API keys of the caller's tenant: created (the key is in the answer once and never again),
// listed without secrets, and revoked (the next request with it is refused, and its open
// subscriptions are closed). Admins only (access-rules.ts).
import { Inject } from '@nestjs/common';
import { Args, Context, Field, ID, InputType, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { ROLES, type ApiKeyRecord, type Role } from '@rolebook/auth';
import type { Access } from '@rolebook/runtime';
import { enumOf } from '../graphql/enums';
import { isoInstant } from '../graphql/mutation.input';
import type { GqlContext } from '../graphql/request-context';
import { DateTime } from '../graphql/scalars';
import { ACCESS } from '../rolebook.providers';
import { grantedTo } from './access-rules';
import { LiveConnections } from './live-connections';

/** The GraphQL enum of roles, from the one list in libs/auth. */
const RoleName = enumOf(
  ROLES,
  'RoleName',
  'What a principal may do: viewer < auditor < editor < admin, each holding what the one below holds; integration stands apart.',
  {
    viewer: `Reads the current org (people without emails, roles, teams, assignments, stats, the reference model): ${grantedTo('viewer').join('; ')}.`,
    auditor: `Viewer, plus ${grantedTo('auditor').join('; ')}.`,
    editor: `Auditor, plus ${grantedTo('editor').join('; ')}.`,
    admin: `Everything: editor, plus ${grantedTo('admin').join('; ')}.`,
    integration: 'No GraphQL at all; for HRIS systems, whose deliveries authenticate by their signatures.',
  },
);

@ObjectType('ApiKey', { description: 'An API key of the tenant, without its secret.' })
export class ApiKeyType {
  @Field(() => ID, { description: 'The public part of the key (rbk_<id>_...), safe to show and log.' })
  id!: string;

  @Field({ description: 'What the key is for; events it records have the actor key:<name>.' })
  name!: string;

  @Field(() => RoleName, { description: 'What requests made with it may do.' })
  role!: Role;

  @Field(() => DateTime, { description: 'When it was created.' })
  createdAt!: string;

  @Field(() => DateTime, { nullable: true, description: 'Refused from then on; null: never expires.' })
  expiresAt!: string | null;

  @Field(() => DateTime, { nullable: true, description: 'Last request made with it, to within a minute.' })
  lastUsedAt!: string | null;

  @Field(() => DateTime, { nullable: true, description: 'When it was revoked (refused from then on); null: not revoked.' })
  revokedAt!: string | null;
}

@ObjectType('CreatedApiKey', { description: 'A key just created, with its secret: the one time the secret is shown.' })
export class CreatedApiKeyType {
  @Field(() => ApiKeyType, { description: "The key's record, as apiKeys lists it." })
  apiKey!: ApiKeyType;

  @Field({ description: 'The key itself (Authorization: Bearer <secret>), shown this once: only its hash is stored.' })
  secret!: string;
}

@InputType({ description: "A new API key of the caller's tenant." })
export class CreateApiKeyInput {
  @Field({ description: '1 to 100 printable characters, e.g. the dashboard or integration it is for.' })
  name!: string;

  @Field(() => RoleName, { description: 'What requests made with it may do.' })
  role!: Role;

  @Field(() => DateTime, { nullable: true, description: 'When the key stops working (in the future); absent: never.' })
  expiresAt?: Date | null;
}

@InputType({ description: 'The API key to revoke.' })
export class RevokeApiKeyInput {
  @Field(() => ID, { description: "The key's id (ApiKey.id, the rbk_<id> part); revoking it again changes nothing." })
  id!: string;
}

const toApiKey = (record: ApiKeyRecord): ApiKeyType => ({
  id: record.id,
  name: record.name,
  role: record.role,
  createdAt: record.createdAt,
  expiresAt: record.expiresAt,
  lastUsedAt: record.lastUsedAt,
  revokedAt: record.revokedAt,
});

@Resolver()
export class ApiKeysResolver {
  constructor(
    @Inject(ACCESS) private readonly access: Access,
    private readonly connections: LiveConnections,
  ) {}

  @Query(() => [ApiKeyType], { description: "The tenant's API keys, revoked and expired ones included, oldest first." })
  async apiKeys(@Context() ctx: GqlContext): Promise<ApiKeyType[]> {
    return (await this.access.apiKeys.list(ctx.tenantId)).map(toApiKey);
  }

  @Mutation(() => CreatedApiKeyType, { description: 'Creates an API key for the tenant; its secret is in this answer only.' })
  async createApiKey(
    @Args('input', { description: "The key's name, role and optional expiry." }) input: CreateApiKeyInput,
    @Context() ctx: GqlContext,
  ): Promise<CreatedApiKeyType> {
    const expiresAt = isoInstant(input.expiresAt) ?? null;
    const { record, plaintext } = await this.access.apiKeys.create(ctx.tenantId, input.name, input.role, expiresAt, new Date().toISOString());
    return { apiKey: toApiKey(record), secret: plaintext };
  }

  @Mutation(() => ApiKeyType, { description: 'Revokes a key: the next request with it is refused and its open subscriptions are closed.' })
  async revokeApiKey(@Args('input', { description: 'The key to revoke.' }) input: RevokeApiKeyInput, @Context() ctx: GqlContext): Promise<ApiKeyType> {
    const record = await this.access.apiKeys.revoke(ctx.tenantId, input.id, new Date().toISOString());
    this.connections.closeKey(record.id);
    return toApiKey(record);
  }
}
