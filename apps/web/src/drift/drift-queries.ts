import { graphql } from '../gql';

export const DriftFindings = graphql(`
  query DriftFindings($status: [FindingStatus!], $after: String) {
    driftFindings(first: 100, after: $after, filter: { status: $status }) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          ruleId
          severity
          status
          message
          detectedAt
          resolvedAt
          subject {
            type
            id
          }
          source {
            entry
            cite {
              source
              passage
            }
          }
          waiver {
            actor
            reason
            waivedAt
            expiresAt
          }
        }
      }
    }
  }
`);

export const DriftRuns = graphql(`
  query DriftRuns {
    driftRuns(first: 5) {
      edges {
        node {
          id
          trigger
          checkedAt
          durationMs
          detected
          resolved
          open
        }
      }
    }
  }
`);

export const RunDriftCheck = graphql(`
  mutation RunDriftCheck($idempotencyKey: String) {
    runDriftCheck(input: { idempotencyKey: $idempotencyKey }) {
      id
      checkedAt
      durationMs
      detected
      resolved
      open
    }
  }
`);

export const WaiveDriftFinding = graphql(`
  mutation WaiveDriftFinding($input: WaiveDriftFindingInput!) {
    waiveDriftFinding(input: $input) {
      id
      status
      waiver {
        actor
        reason
        waivedAt
        expiresAt
      }
    }
  }
`);

export const DriftFindingChanged = graphql(`
  subscription DriftFindingChanged {
    driftFindingChanged {
      position
      change
      finding {
        id
      }
    }
  }
`);
