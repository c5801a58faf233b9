// erasePersonalData: crypto-shredding of one person's personal data (their data key is destroyed
// and the erasure recorded). Admin only (access-rules.ts).
import { Args, Context, Field, ID, InputType, Mutation, Resolver } from '@nestjs/graphql';
import type { Rolebook } from '@rolebook/runtime';
import { mustExist, payloadFields } from '../graphql/mutate';
import { commandContext, type GqlContext } from '../graphql/request-context';
import { InjectRolebook } from '../rolebook.providers';
import { PersonPayload } from './person.resolver';
import { toPerson } from './person.type';

@InputType({ description: 'The person whose personal data is erased, and why.' })
export class ErasePersonalDataInput {
  @Field(() => ID, { description: 'The person (a UUID); an unknown one is NOT_FOUND.' })
  personId!: string;

  @Field({ description: 'Why (a request reference). Recorded in the clear in the audit trail: it must not name the person.' })
  reason!: string;

  @Field(() => String, { nullable: true, description: 'A retried request with the same key is a no-op.' })
  idempotencyKey?: string | null;
}

@Resolver()
export class ErasePersonalDataResolver {
  constructor(@InjectRolebook() private readonly rolebook: Rolebook) {}

  @Mutation(() => PersonPayload, {
    description:
      "Erases the person's personal data for good: their name, email and the reasons recorded about them read as placeholders everywhere from now on; role history, assignments and reporting lines stay. Admin only.",
  })
  async erasePersonalData(
    @Args('input', { description: 'The person and a request reference as the reason.' }) input: ErasePersonalDataInput,
    @Context() gql: GqlContext,
  ): Promise<PersonPayload> {
    const ctx = commandContext(gql, { reason: input.reason, idempotencyKey: input.idempotencyKey });
    const result = await this.rolebook.erasure.erase({ personId: input.personId }, ctx);
    // shown now, or as registered when the registration takes effect later
    const shown = (asOf: string) => this.rolebook.queries.person(gql.tenantId, result.id, { asOf, knownAt: null });
    const now = new Date().toISOString();
    const person = mustExist(shown(now) ?? shown('9999-12-31T00:00:00.000Z'), 'person');
    return { person: toPerson(person, { asOf: now, knownAt: null }), ...payloadFields(result) };
  }
}
