import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Rolebook } from '@rolebook/runtime';
import type { Config } from '@rolebook/config';
import { InvalidInput, queryInstant } from '@rolebook/domain';
import { DIFF_SECTIONS, pageOfList, type OrgChange } from '@rolebook/projections';
import { pageRequest, toConnection } from '../graphql/pagination';
import type { GqlContext } from '../graphql/request-context';
import { atOf, TemporalArgs } from '../graphql/temporal.args';
import { PeopleListArgs } from '../people/person.inputs';
import { listPeople } from '../people/person.resolver';
import { PersonConnection } from '../people/person.type';
import { RolesListArgs } from '../roles/role.inputs';
import { listRoles } from '../roles/role.resolver';
import { RoleConnection } from '../roles/role.type';
import { TeamsListArgs } from '../teams/team.inputs';
import { listTeams } from '../teams/team.resolver';
import { TeamConnection } from '../teams/team.type';
import { InjectConfig, InjectRolebook } from '../rolebook.providers';
import { OrgChangeConnection, OrgChangesArgs, OrgDiffArgs, OrgDiffType, OrgSnapshotType } from './org.types';

@Resolver(() => OrgSnapshotType)
export class OrgResolver {
  constructor(
    @InjectRolebook() private readonly rolebook: Rolebook,
    @InjectConfig() private readonly config: Config,
  ) {}

  @Query(() => OrgSnapshotType, { description: 'The whole org structure at an instant, with stats.' })
  org(@Args() temporal: TemporalArgs, @Context() ctx: GqlContext): OrgSnapshotType {
    const at = atOf(temporal, new Date());
    return { asOf: at.asOf, knownAt: at.knownAt, stats: this.rolebook.queries.stats(ctx.tenantId, at), at };
  }

  // nested lists are read at the snapshot's instant

  @ResolveField(() => RoleConnection, { description: "The roles at the snapshot's instant, by name." })
  roles(@Parent() snapshot: OrgSnapshotType, @Args() args: RolesListArgs, @Context() ctx: GqlContext): RoleConnection {
    return listRoles(this.rolebook, this.config.MAX_PAGE_SIZE, ctx.tenantId, snapshot.at, args);
  }

  @ResolveField(() => PersonConnection, { description: "The people at the snapshot's instant, by name." })
  people(@Parent() snapshot: OrgSnapshotType, @Args() args: PeopleListArgs, @Context() ctx: GqlContext): PersonConnection {
    return listPeople(this.rolebook, this.config.MAX_PAGE_SIZE, ctx.tenantId, snapshot.at, args);
  }

  @ResolveField(() => TeamConnection, { description: "The teams at the snapshot's instant, by name." })
  teams(@Parent() snapshot: OrgSnapshotType, @Args() args: TeamsListArgs, @Context() ctx: GqlContext): TeamConnection {
    return listTeams(this.rolebook, this.config.MAX_PAGE_SIZE, ctx.tenantId, snapshot.at, args);
  }

  @Query(() => OrgDiffType, { description: 'What changed in the org between two instants.' })
  orgDiff(@Args() args: OrgDiffArgs, @Context() ctx: GqlContext): OrgDiffType {
    const knownAt = args.knownAt ? queryInstant(args.knownAt, 'knownAt') : null;
    const [from, to] = [queryInstant(args.from, 'from'), queryInstant(args.to, 'to')];
    if (from > to) throw new InvalidInput('FROM_AFTER_TO', 'from must not be after to', 'from');
    const changes = this.rolebook.queries.diff(ctx.tenantId, from, to, knownAt);
    const summary = DIFF_SECTIONS.map((section) => {
      const count = (kind: OrgChange['kind']) => changes.filter((c) => c.section === section && c.kind === kind).length;
      return { section, added: count('added'), removed: count('removed'), changed: count('changed') };
    });
    return { from, to, knownAt, summary, all: changes };
  }
}

@Resolver(() => OrgDiffType)
export class OrgDiffResolver {
  constructor(@InjectConfig() private readonly config: Config) {}

  @ResolveField(() => OrgChangeConnection, { description: 'The changes, by section then id.' })
  changes(@Parent() diff: OrgDiffType, @Args() args: OrgChangesArgs): OrgChangeConnection {
    const { sections, kinds } = args.filter ?? {};
    const selected = diff.all.filter((c) => (!sections || sections.includes(c.section)) && (!kinds || kinds.includes(c.kind)));
    return toConnection(pageOfList(selected, pageRequest(args, this.config.MAX_PAGE_SIZE)), (c) => c);
  }
}
