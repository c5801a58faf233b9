/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query OrgDiffPage($from: DateTime!, $to: DateTime!, $after: String) {\n    orgDiff(from: $from, to: $to) {\n      summary {\n        section\n        added\n        removed\n        changed\n      }\n      changes(first: 100, after: $after, filter: { sections: [PEOPLE, REPORTING_LINES, ASSIGNMENTS] }) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            section\n            kind\n            id\n            before\n            after\n            changedFields\n          }\n        }\n      }\n    }\n  }\n": typeof types.OrgDiffPageDocument,
    "\n  query DriftFindings($status: [FindingStatus!], $after: String) {\n    driftFindings(first: 100, after: $after, filter: { status: $status }) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ruleId\n          severity\n          status\n          message\n          detectedAt\n          resolvedAt\n          subject {\n            type\n            id\n          }\n          source {\n            entry\n            cite {\n              source\n              passage\n            }\n          }\n          waiver {\n            actor\n            reason\n            waivedAt\n            expiresAt\n          }\n        }\n      }\n    }\n  }\n": typeof types.DriftFindingsDocument,
    "\n  query DriftRuns {\n    driftRuns(first: 5) {\n      edges {\n        node {\n          id\n          trigger\n          checkedAt\n          durationMs\n          detected\n          resolved\n          open\n        }\n      }\n    }\n  }\n": typeof types.DriftRunsDocument,
    "\n  mutation RunDriftCheck($idempotencyKey: String) {\n    runDriftCheck(input: { idempotencyKey: $idempotencyKey }) {\n      id\n      checkedAt\n      durationMs\n      detected\n      resolved\n      open\n    }\n  }\n": typeof types.RunDriftCheckDocument,
    "\n  mutation WaiveDriftFinding($input: WaiveDriftFindingInput!) {\n    waiveDriftFinding(input: $input) {\n      id\n      status\n      waiver {\n        actor\n        reason\n        waivedAt\n        expiresAt\n      }\n    }\n  }\n": typeof types.WaiveDriftFindingDocument,
    "\n  subscription DriftFindingChanged {\n    driftFindingChanged {\n      position\n      change\n      finding {\n        id\n      }\n    }\n  }\n": typeof types.DriftFindingChangedDocument,
    "\n  query OrgChart($asOf: DateTime, $knownAt: DateTime) {\n    orgChart(asOf: $asOf, knownAt: $knownAt) {\n      people {\n        id\n        name\n        title\n        managerId\n        roles {\n          roleId\n          allocationPercent\n        }\n        teamIds\n      }\n      roles {\n        id\n        name\n      }\n      teams {\n        id\n        name\n      }\n    }\n  }\n": typeof types.OrgChartDocument,
    "\n  query OrgSpan {\n    people(first: 100) {\n      edges {\n        node {\n          registeredAt\n        }\n      }\n    }\n    roles(first: 100) {\n      edges {\n        node {\n          definedAt\n        }\n      }\n    }\n  }\n": typeof types.OrgSpanDocument,
    "\n  subscription OrgChanged {\n    orgChanged {\n      position\n      type\n      entityId\n    }\n  }\n": typeof types.OrgChangedDocument,
    "\n  query PersonPage($id: ID!) {\n    person(id: $id) {\n      id\n      name\n      title\n      status\n      terminatedAt\n      manager {\n        id\n        name\n      }\n      directReports {\n        id\n        name\n      }\n      assignments(includeEnded: true) {\n        id\n        allocationPercent\n        effectiveFrom\n        effectiveTo\n        role {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.PersonPageDocument,
    "\n  query EntityHistory($id: ID!, $after: String) {\n    history(entityId: $id, first: 100, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          type\n          effectiveAt\n          recordedAt\n          actor\n          reason\n          source\n          data\n        }\n      }\n    }\n  }\n": typeof types.EntityHistoryDocument,
    "\n  query PersonName($id: ID!) {\n    person(id: $id) {\n      id\n      name\n    }\n  }\n": typeof types.PersonNameDocument,
    "\n  query TeamName($id: ID!) {\n    team(id: $id) {\n      id\n      name\n    }\n  }\n": typeof types.TeamNameDocument,
    "\n  query RoleName($id: ID!) {\n    role(id: $id) {\n      id\n      name\n    }\n  }\n": typeof types.RoleNameDocument,
    "\n  query RolePage($id: ID!) {\n    role(id: $id) {\n      id\n      name\n      purpose\n      responsibilities\n      referenceRoleKey\n      status\n      definedAt\n      retiredAt\n      holders {\n        id\n        name\n      }\n    }\n  }\n": typeof types.RolePageDocument,
    "\n  query AssignmentLog($after: String) {\n    auditLog(first: 100, after: $after, filter: { types: [\"RoleAssigned\", \"RoleAssignmentEnded\"] }) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          type\n          data\n          effectiveAt\n        }\n      }\n    }\n  }\n": typeof types.AssignmentLogDocument,
};
const documents: Documents = {
    "\n  query OrgDiffPage($from: DateTime!, $to: DateTime!, $after: String) {\n    orgDiff(from: $from, to: $to) {\n      summary {\n        section\n        added\n        removed\n        changed\n      }\n      changes(first: 100, after: $after, filter: { sections: [PEOPLE, REPORTING_LINES, ASSIGNMENTS] }) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            section\n            kind\n            id\n            before\n            after\n            changedFields\n          }\n        }\n      }\n    }\n  }\n": types.OrgDiffPageDocument,
    "\n  query DriftFindings($status: [FindingStatus!], $after: String) {\n    driftFindings(first: 100, after: $after, filter: { status: $status }) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ruleId\n          severity\n          status\n          message\n          detectedAt\n          resolvedAt\n          subject {\n            type\n            id\n          }\n          source {\n            entry\n            cite {\n              source\n              passage\n            }\n          }\n          waiver {\n            actor\n            reason\n            waivedAt\n            expiresAt\n          }\n        }\n      }\n    }\n  }\n": types.DriftFindingsDocument,
    "\n  query DriftRuns {\n    driftRuns(first: 5) {\n      edges {\n        node {\n          id\n          trigger\n          checkedAt\n          durationMs\n          detected\n          resolved\n          open\n        }\n      }\n    }\n  }\n": types.DriftRunsDocument,
    "\n  mutation RunDriftCheck($idempotencyKey: String) {\n    runDriftCheck(input: { idempotencyKey: $idempotencyKey }) {\n      id\n      checkedAt\n      durationMs\n      detected\n      resolved\n      open\n    }\n  }\n": types.RunDriftCheckDocument,
    "\n  mutation WaiveDriftFinding($input: WaiveDriftFindingInput!) {\n    waiveDriftFinding(input: $input) {\n      id\n      status\n      waiver {\n        actor\n        reason\n        waivedAt\n        expiresAt\n      }\n    }\n  }\n": types.WaiveDriftFindingDocument,
    "\n  subscription DriftFindingChanged {\n    driftFindingChanged {\n      position\n      change\n      finding {\n        id\n      }\n    }\n  }\n": types.DriftFindingChangedDocument,
    "\n  query OrgChart($asOf: DateTime, $knownAt: DateTime) {\n    orgChart(asOf: $asOf, knownAt: $knownAt) {\n      people {\n        id\n        name\n        title\n        managerId\n        roles {\n          roleId\n          allocationPercent\n        }\n        teamIds\n      }\n      roles {\n        id\n        name\n      }\n      teams {\n        id\n        name\n      }\n    }\n  }\n": types.OrgChartDocument,
    "\n  query OrgSpan {\n    people(first: 100) {\n      edges {\n        node {\n          registeredAt\n        }\n      }\n    }\n    roles(first: 100) {\n      edges {\n        node {\n          definedAt\n        }\n      }\n    }\n  }\n": types.OrgSpanDocument,
    "\n  subscription OrgChanged {\n    orgChanged {\n      position\n      type\n      entityId\n    }\n  }\n": types.OrgChangedDocument,
    "\n  query PersonPage($id: ID!) {\n    person(id: $id) {\n      id\n      name\n      title\n      status\n      terminatedAt\n      manager {\n        id\n        name\n      }\n      directReports {\n        id\n        name\n      }\n      assignments(includeEnded: true) {\n        id\n        allocationPercent\n        effectiveFrom\n        effectiveTo\n        role {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.PersonPageDocument,
    "\n  query EntityHistory($id: ID!, $after: String) {\n    history(entityId: $id, first: 100, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          type\n          effectiveAt\n          recordedAt\n          actor\n          reason\n          source\n          data\n        }\n      }\n    }\n  }\n": types.EntityHistoryDocument,
    "\n  query PersonName($id: ID!) {\n    person(id: $id) {\n      id\n      name\n    }\n  }\n": types.PersonNameDocument,
    "\n  query TeamName($id: ID!) {\n    team(id: $id) {\n      id\n      name\n    }\n  }\n": types.TeamNameDocument,
    "\n  query RoleName($id: ID!) {\n    role(id: $id) {\n      id\n      name\n    }\n  }\n": types.RoleNameDocument,
    "\n  query RolePage($id: ID!) {\n    role(id: $id) {\n      id\n      name\n      purpose\n      responsibilities\n      referenceRoleKey\n      status\n      definedAt\n      retiredAt\n      holders {\n        id\n        name\n      }\n    }\n  }\n": types.RolePageDocument,
    "\n  query AssignmentLog($after: String) {\n    auditLog(first: 100, after: $after, filter: { types: [\"RoleAssigned\", \"RoleAssignmentEnded\"] }) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          type\n          data\n          effectiveAt\n        }\n      }\n    }\n  }\n": types.AssignmentLogDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrgDiffPage($from: DateTime!, $to: DateTime!, $after: String) {\n    orgDiff(from: $from, to: $to) {\n      summary {\n        section\n        added\n        removed\n        changed\n      }\n      changes(first: 100, after: $after, filter: { sections: [PEOPLE, REPORTING_LINES, ASSIGNMENTS] }) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            section\n            kind\n            id\n            before\n            after\n            changedFields\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query OrgDiffPage($from: DateTime!, $to: DateTime!, $after: String) {\n    orgDiff(from: $from, to: $to) {\n      summary {\n        section\n        added\n        removed\n        changed\n      }\n      changes(first: 100, after: $after, filter: { sections: [PEOPLE, REPORTING_LINES, ASSIGNMENTS] }) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            section\n            kind\n            id\n            before\n            after\n            changedFields\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DriftFindings($status: [FindingStatus!], $after: String) {\n    driftFindings(first: 100, after: $after, filter: { status: $status }) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ruleId\n          severity\n          status\n          message\n          detectedAt\n          resolvedAt\n          subject {\n            type\n            id\n          }\n          source {\n            entry\n            cite {\n              source\n              passage\n            }\n          }\n          waiver {\n            actor\n            reason\n            waivedAt\n            expiresAt\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DriftFindings($status: [FindingStatus!], $after: String) {\n    driftFindings(first: 100, after: $after, filter: { status: $status }) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ruleId\n          severity\n          status\n          message\n          detectedAt\n          resolvedAt\n          subject {\n            type\n            id\n          }\n          source {\n            entry\n            cite {\n              source\n              passage\n            }\n          }\n          waiver {\n            actor\n            reason\n            waivedAt\n            expiresAt\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DriftRuns {\n    driftRuns(first: 5) {\n      edges {\n        node {\n          id\n          trigger\n          checkedAt\n          durationMs\n          detected\n          resolved\n          open\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DriftRuns {\n    driftRuns(first: 5) {\n      edges {\n        node {\n          id\n          trigger\n          checkedAt\n          durationMs\n          detected\n          resolved\n          open\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RunDriftCheck($idempotencyKey: String) {\n    runDriftCheck(input: { idempotencyKey: $idempotencyKey }) {\n      id\n      checkedAt\n      durationMs\n      detected\n      resolved\n      open\n    }\n  }\n"): (typeof documents)["\n  mutation RunDriftCheck($idempotencyKey: String) {\n    runDriftCheck(input: { idempotencyKey: $idempotencyKey }) {\n      id\n      checkedAt\n      durationMs\n      detected\n      resolved\n      open\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WaiveDriftFinding($input: WaiveDriftFindingInput!) {\n    waiveDriftFinding(input: $input) {\n      id\n      status\n      waiver {\n        actor\n        reason\n        waivedAt\n        expiresAt\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation WaiveDriftFinding($input: WaiveDriftFindingInput!) {\n    waiveDriftFinding(input: $input) {\n      id\n      status\n      waiver {\n        actor\n        reason\n        waivedAt\n        expiresAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DriftFindingChanged {\n    driftFindingChanged {\n      position\n      change\n      finding {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription DriftFindingChanged {\n    driftFindingChanged {\n      position\n      change\n      finding {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrgChart($asOf: DateTime, $knownAt: DateTime) {\n    orgChart(asOf: $asOf, knownAt: $knownAt) {\n      people {\n        id\n        name\n        title\n        managerId\n        roles {\n          roleId\n          allocationPercent\n        }\n        teamIds\n      }\n      roles {\n        id\n        name\n      }\n      teams {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query OrgChart($asOf: DateTime, $knownAt: DateTime) {\n    orgChart(asOf: $asOf, knownAt: $knownAt) {\n      people {\n        id\n        name\n        title\n        managerId\n        roles {\n          roleId\n          allocationPercent\n        }\n        teamIds\n      }\n      roles {\n        id\n        name\n      }\n      teams {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrgSpan {\n    people(first: 100) {\n      edges {\n        node {\n          registeredAt\n        }\n      }\n    }\n    roles(first: 100) {\n      edges {\n        node {\n          definedAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query OrgSpan {\n    people(first: 100) {\n      edges {\n        node {\n          registeredAt\n        }\n      }\n    }\n    roles(first: 100) {\n      edges {\n        node {\n          definedAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription OrgChanged {\n    orgChanged {\n      position\n      type\n      entityId\n    }\n  }\n"): (typeof documents)["\n  subscription OrgChanged {\n    orgChanged {\n      position\n      type\n      entityId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PersonPage($id: ID!) {\n    person(id: $id) {\n      id\n      name\n      title\n      status\n      terminatedAt\n      manager {\n        id\n        name\n      }\n      directReports {\n        id\n        name\n      }\n      assignments(includeEnded: true) {\n        id\n        allocationPercent\n        effectiveFrom\n        effectiveTo\n        role {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PersonPage($id: ID!) {\n    person(id: $id) {\n      id\n      name\n      title\n      status\n      terminatedAt\n      manager {\n        id\n        name\n      }\n      directReports {\n        id\n        name\n      }\n      assignments(includeEnded: true) {\n        id\n        allocationPercent\n        effectiveFrom\n        effectiveTo\n        role {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EntityHistory($id: ID!, $after: String) {\n    history(entityId: $id, first: 100, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          type\n          effectiveAt\n          recordedAt\n          actor\n          reason\n          source\n          data\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query EntityHistory($id: ID!, $after: String) {\n    history(entityId: $id, first: 100, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          type\n          effectiveAt\n          recordedAt\n          actor\n          reason\n          source\n          data\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PersonName($id: ID!) {\n    person(id: $id) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  query PersonName($id: ID!) {\n    person(id: $id) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TeamName($id: ID!) {\n    team(id: $id) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  query TeamName($id: ID!) {\n    team(id: $id) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RoleName($id: ID!) {\n    role(id: $id) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  query RoleName($id: ID!) {\n    role(id: $id) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RolePage($id: ID!) {\n    role(id: $id) {\n      id\n      name\n      purpose\n      responsibilities\n      referenceRoleKey\n      status\n      definedAt\n      retiredAt\n      holders {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query RolePage($id: ID!) {\n    role(id: $id) {\n      id\n      name\n      purpose\n      responsibilities\n      referenceRoleKey\n      status\n      definedAt\n      retiredAt\n      holders {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AssignmentLog($after: String) {\n    auditLog(first: 100, after: $after, filter: { types: [\"RoleAssigned\", \"RoleAssignmentEnded\"] }) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          type\n          data\n          effectiveAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AssignmentLog($after: String) {\n    auditLog(first: 100, after: $after, filter: { types: [\"RoleAssigned\", \"RoleAssignmentEnded\"] }) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          type\n          data\n          effectiveAt\n        }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;