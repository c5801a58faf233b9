import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ isAbstract: true })
export abstract class MutationPayload {
  @Field(() => Int, { description: 'The entity version after the mutation.' })
  version!: number;

  @Field(() => String, { nullable: true, description: 'Global position of the last event of the change (a decimal integer).' })
  position!: string | null;

  @Field({ description: 'False when nothing changed, or when the request replayed an earlier one.' })
  changed!: boolean;
}
