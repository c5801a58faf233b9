// Relay connections: `first` / `after`, edges with cursors, pageInfo and totalCount.
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { InvalidInput } from '@rolebook/domain';
import type { Edge, Page, PageRequest } from '@rolebook/projections';
import type { Type } from '@nestjs/common';

@ObjectType({ description: 'Where a page stands in its list (Relay cursor connections).' })
export class PageInfo {
  @Field({ description: 'True when more items follow: ask again with after: endCursor.' })
  hasNextPage!: boolean;

  @Field({ description: 'Always false: pages go forward only.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of the page; null when the page is empty.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of the page, to pass as after for the next one; null when the page is empty.' })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size: at most this many items (default 20; capped at MAX_PAGE_SIZE, 100 by default).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Start after this cursor (an endCursor or edge cursor from the same list); absent: from the start.' })
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
  @ObjectType(`${name}Edge`, { description: `One ${name} of a page, with its cursor.` })
  class Edge {
    @Field({ description: 'Opaque position of this item in its list: pass it as after to read on from here.' })
    cursor!: string;

    @Field(() => node, { description: `The ${name}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { isAbstract: true })
  abstract class ConnectionClass implements Connection<T> {
    @Field(() => [Edge], { description: "The items of this page, in the list's order." })
    edges!: Edge[];

    @Field(() => PageInfo, { description: 'Whether more pages follow, and the cursors to get them.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Number of items in the whole list (every page, with the same filter); counted only when selected.' })
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
