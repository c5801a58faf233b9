// The org at an instant as the chart draws it (one request, whatever its size), the span of its history, and its changes as they are recorded.
import { graphql } from '../gql';

export const OrgChartQuery = graphql(`
  query OrgChart($asOf: DateTime, $knownAt: DateTime) {
    orgChart(asOf: $asOf, knownAt: $knownAt) {
      people {
        id
        name
        title
        managerId
        roles {
          roleId
          allocationPercent
        }
        teamIds
      }
      roles {
        id
        name
      }
      teams {
        id
        name
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
