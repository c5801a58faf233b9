import { graphql } from '../gql';

export const RolePage = graphql(`
  query RolePage($id: ID!) {
    role(id: $id) {
      id
      name
      purpose
      responsibilities
      referenceRoleKey
      status
      definedAt
      retiredAt
      holders {
        id
        name
      }
    }
  }
`);

/** Assignments made and ended, tenant-wide (the role's holders over time are read from them). */
export const AssignmentLog = graphql(`
  query AssignmentLog($after: String) {
    auditLog(first: 100, after: $after, filter: { types: ["RoleAssigned", "RoleAssignmentEnded"] }) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          type
          data
          effectiveAt
        }
      }
    }
  }
`);
