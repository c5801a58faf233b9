import { graphql } from '../gql';

export const OrgDiffPage = graphql(`
  query OrgDiffPage($from: DateTime!, $to: DateTime!, $after: String) {
    orgDiff(from: $from, to: $to) {
      summary {
        section
        added
        removed
        changed
      }
      changes(first: 100, after: $after, filter: { sections: [PEOPLE, REPORTING_LINES, ASSIGNMENTS] }) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            section
            kind
            id
            before
            after
            changedFields
          }
        }
      }
    }
  }
`);
