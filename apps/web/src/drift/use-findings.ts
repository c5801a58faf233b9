// Findings of some statuses, every page, read again when `reloads` changes.
import { useEffect, useState } from 'react';
import { useClient, type CombinedError } from 'urql';
import type { FindingStatus } from '../gql/graphql';
import { dataOf, QueryFailed, readPages } from '../graphql/pages';
import { DriftFindings } from './drift-queries';
import type { Finding } from './finding-card';

export type Findings = { status: 'loading'; findings: Finding[] | null } | { status: 'ready'; findings: Finding[] } | { status: 'error'; error: CombinedError };

export const useFindings = (statuses: FindingStatus[], reloads: number): Findings => {
  const client = useClient();
  const [state, setState] = useState<Findings>({ status: 'loading', findings: null });
  const key = statuses.join(',');
  useEffect(() => {
    let cancelled = false;
    setState((s) => ({ status: 'loading', findings: s.status === 'error' ? null : s.findings }));
    readPages(async (after) => {
      const { driftFindings } = dataOf(
        await client.query(DriftFindings, { status: key.split(',') as FindingStatus[], after }, { requestPolicy: 'network-only' }).toPromise(),
      );
      return { items: driftFindings.edges.map((e) => e.node), pageInfo: driftFindings.pageInfo };
    }).then(
      ({ items }) => !cancelled && setState({ status: 'ready', findings: items }),
      (error: unknown) => !cancelled && error instanceof QueryFailed && setState({ status: 'error', error: error.error }),
    );
    return () => {
      cancelled = true;
    };
  }, [client, key, reloads]);
  return state;
};
