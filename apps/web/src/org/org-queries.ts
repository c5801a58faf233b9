// The org at an instant, page by page: people with their manager and roles, and the roles' names.
import { graphql } from '../gql';

export const OrgPeoplePage = graphql(`
  query OrgPeoplePage($asOf: DateTime, $knownAt: DateTime, $after: String) {
    org(asOf: $asOf, knownAt: $knownAt) {
      people(first: 100, after: $after, filter: { status: ACTIVE }) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            name
            title
            managerId
            assignments {
              roleId
              allocationPercent
            }
          }
        }
      }
    }
  }
`);

export const OrgRolesPage = graphql(`
  query OrgRolesPage($asOf: DateTime, $knownAt: DateTime, $after: String) {
    org(asOf: $asOf, knownAt: $knownAt) {
      roles(first: 100, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            name
          }
        }
      }
    }
  }
`);

/** The span of the org's history the time slider covers: from the first person or role on record to now. */
export const OrgSpan = graphql(`
  query OrgSpan {
    people(first: 100) {
      edges {
        node {
          registeredAt
        }
      }
    }
    roles(first: 100) {
      edges {
        node {
          definedAt
        }
      }
    }
  }
`);

export const OrgChanged = graphql(`
  subscription OrgChanged {
    orgChanged {
      position
      type
      entityId
    }
  }
`);
