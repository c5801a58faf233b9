// Enforces ACCESS_RULES on every field of the executable schema, nested ones included, over HTTP
// and graphql-ws alike (both execute this schema): each field's resolver (and a subscription's
// subscribe) first checks the request principal's role. A denial is FORBIDDEN naming the role
// needed, raised before the resolver runs, so a refused mutation changes nothing.
import { mapSchema, MapperKind } from '@graphql-tools/utils';
import { Forbidden, grants, type Principal } from '@rolebook/auth';
import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { ruleOf, type Rules } from './access-rules';

/** A field with no rule cannot be served: the schema refuses to start rather than serve it to anyone. */
export class FieldWithoutRule extends Error {
  constructor(coordinate: string) {
    super(`No access rule for ${coordinate} (apps/api/src/auth/access-rules.ts)`);
    this.name = 'FieldWithoutRule';
  }
}

const principalOf = (context: unknown): Principal | undefined => (context as { principal?: Principal } | undefined)?.principal;

export const authorizeSchema = (schema: GraphQLSchema, rules: Rules, argumentRules: Rules): GraphQLSchema =>
  mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (field, fieldName, typeName) => {
      const required = ruleOf(rules, typeName, fieldName);
      if (!required) throw new FieldWithoutRule(`${typeName}.${fieldName}`);
      const guarded = Object.keys(field.args ?? {}).flatMap((arg) => (argumentRules[arg] ? [[arg, argumentRules[arg]] as const] : []));
      const check = (context: unknown, args: Record<string, unknown>): void => {
        const principal = principalOf(context);
        // every transport puts a principal in the context; a context without one is refused
        if (!principal || !grants(principal.role, required)) throw new Forbidden(required);
        for (const [arg, role] of guarded) if (args[arg] != null && !grants(principal.role, role)) throw new Forbidden(role);
      };
      const wrap =
        (inner: GraphQLFieldResolver<unknown, unknown>): GraphQLFieldResolver<unknown, unknown> =>
        (source, args: Record<string, unknown>, context, info) => {
          check(context, args);
          return inner(source, args, context, info);
        };
      return {
        ...field,
        resolve: wrap(field.resolve ?? defaultFieldResolver),
        ...(field.subscribe ? { subscribe: wrap(field.subscribe) } : {}),
      };
    },
  });
