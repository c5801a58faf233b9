import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DateTime } from '../graphql/scalars';

@ObjectType('OrgChartAssignment', { description: 'A role a person on the chart holds at the instant, with their share of time in it.' })
export class OrgChartAssignmentType {
  @Field(() => ID, { description: "The role held; its name is in the chart's roles." })
  roleId!: string;

  @Field(() => Int, { description: "Share of the person's time in the role, in percent (1 to 100)." })
  allocationPercent!: number;
}

@ObjectType('OrgChartPerson', {
  description: 'An active person as the org chart draws them: no email, no history. The name is personal data: [erased] after an erasure.',
})
export class OrgChartPersonType {
  @Field(() => ID, { description: "The person's id (a UUID), as in person(id:)." })
  id!: string;

  @Field({ description: 'Full name as recorded; [erased] after erasePersonalData.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Job title as the HRIS knows it; null when none is recorded.' })
  title!: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Id of the person they report to at the instant; null: no manager. The manager may be absent from the chart (not active then).',
  })
  managerId!: string | null;

  @Field(() => [OrgChartAssignmentType], { description: 'The roles they hold at the instant, in the order they were assigned.' })
  roles!: OrgChartAssignmentType[];

  @Field(() => [ID], { description: "The teams they are a member of at the instant; their names are in the chart's teams." })
  teamIds!: string[];
}

@ObjectType('OrgChartEntry', { description: 'A role or team named on the chart: its id and name.' })
export class OrgChartEntryType {
  @Field(() => ID, { description: 'The role or team id (a UUID).' })
  id!: string;

  @Field({ description: 'Its name at the instant.' })
  name!: string;
}

@ObjectType('OrgChart', {
  description:
    'Everything an org chart draws for the whole org at one instant, in one answer: every active person (id, name, title, manager, roles, teams) and the names of the roles and teams they name. No paging: for lists, people pages.',
})
export class OrgChartType {
  @Field(() => DateTime, { description: 'The valid-time instant the chart shows.' })
  asOf!: string;

  @Field(() => DateTime, { nullable: true, description: 'The record-time instant it was read as of; null: everything recorded so far.' })
  knownAt!: string | null;

  @Field(() => [OrgChartPersonType], { description: 'Every active person at the instant (by id).' })
  people!: OrgChartPersonType[];

  @Field(() => [OrgChartEntryType], { description: 'The roles the people hold, once each.' })
  roles!: OrgChartEntryType[];

  @Field(() => [OrgChartEntryType], { description: 'The teams the people are members of, once each.' })
  teams!: OrgChartEntryType[];
}
