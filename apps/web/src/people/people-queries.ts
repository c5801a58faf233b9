import { graphql } from '../gql';

export const PersonPage = graphql(`
  query PersonPage($id: ID!) {
    person(id: $id) {
      id
      name
      title
      status
      terminatedAt
      manager {
        id
        name
      }
      directReports {
        id
        name
      }
      assignments(includeEnded: true) {
        id
        allocationPercent
        effectiveFrom
        effectiveTo
        role {
          id
          name
        }
      }
    }
  }
`);

export const EntityHistory = graphql(`
  query EntityHistory($id: ID!, $after: String) {
    history(entityId: $id, first: 100, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          type
          effectiveAt
          recordedAt
          actor
          reason
          source
          data
        }
      }
    }
  }
`);

export const PersonName = graphql(`
  query PersonName($id: ID!) {
    person(id: $id) {
      id
      name
    }
  }
`);

export const TeamName = graphql(`
  query TeamName($id: ID!) {
    team(id: $id) {
      id
      name
    }
  }
`);

export const RoleName = graphql(`
  query RoleName($id: ID!) {
    role(id: $id) {
      id
      name
    }
  }
`);
