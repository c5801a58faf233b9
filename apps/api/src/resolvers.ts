import { ApiKeysResolver } from './auth/api-keys.resolver';
import { DriftResolver } from './drift/drift.resolver';
import { HrisSyncResolver } from './hris-sync/hris-sync.resolver';
import { HistoryResolver } from './history/history.resolver';
import { OrgChangedResolver } from './history/org-changed.resolver';
import { OrgChartResolver } from './org/org-chart.resolver';
import { OrgDiffResolver, OrgResolver } from './org/org.resolver';
import { ErasePersonalDataResolver } from './people/erase-personal-data.resolver';
import { PersonResolver, RoleAssignmentResolver } from './people/person.resolver';
import { RoleResolver } from './roles/role.resolver';
import { TeamResolver } from './teams/team.resolver';
import { WebhooksResolver } from './webhooks/webhooks.resolver';

/** Every resolver of the API: the app serves them and print-schema prints them. */
export const RESOLVERS = [
  RoleResolver,
  PersonResolver,
  RoleAssignmentResolver,
  ErasePersonalDataResolver,
  TeamResolver,
  HistoryResolver,
  OrgChangedResolver,
  OrgResolver,
  OrgDiffResolver,
  OrgChartResolver,
  DriftResolver,
  WebhooksResolver,
  HrisSyncResolver,
  ApiKeysResolver,
];
