// Relay connections: `first` / `after`, edges with cursors, pageInfo and totalCount.
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { InvalidInput } from '@rolebook/domain';
import type { Edge, Page, PageRequest } from '@rolebook/projections';
import type { Type } from '@nestjs/common';

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field({ description: 'Always false: pages go forward only.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size (default 20, capped by the server).' })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

export const DEFAULT_PAGE_SIZE = 20;

export const pageRequest = (args: PageArgs, maxPageSize: number): PageRequest => {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0) throw new InvalidInput('INVALID_PAGE', 'first must not be negative', 'first');
  return { first: Math.min(first, maxPageSize), after: args.after ?? null };
};

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** An object type `${name}Connection` with `${name}Edge` edges over `node`. */
export const ConnectionType = <T>(node: Type<T>, name: string) => {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field()
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${name}Connection`, { isAbstract: true })
  abstract class ConnectionClass implements Connection<T> {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int)
    totalCount!: number;
  }
  return ConnectionClass;
};

export const toConnection = <S, T>(page: Page<S>, map: (node: S) => T): Connection<T> => ({
  edges: page.items.map((item) => ({ cursor: item.cursor, node: map(item.node) })),
  // a getter: GraphQL reads it, and so runs the count, only when the query selects totalCount
  get totalCount() {
    return page.totalCount();
  },
  pageInfo: {
    hasNextPage: page.hasNextPage,
    hasPreviousPage: false,
    startCursor: page.items[0]?.cursor ?? null,
    endCursor: page.items[page.items.length - 1]?.cursor ?? null,
  },
});
