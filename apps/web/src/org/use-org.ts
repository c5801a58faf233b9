// The org at (asOf, knownAt) for the chart, read again when the date moves or a change arrives;
// with knownAt, also as recorded now, to mark the people corrected since.
import { useEffect, useState } from 'react';
import { useClient, type CombinedError } from 'urql';
import { QueryFailed } from '../graphql/pages';
import { correctedLater, loadOrg, type ChartPerson, type OrgAt } from './org-snapshot';

export type OrgState =
  | { status: 'loading'; people: ChartPerson[] | null }
  | { status: 'ready'; people: ChartPerson[]; corrected: Set<string> }
  | { status: 'error'; error: CombinedError | null; people: ChartPerson[] | null };

export const useOrg = (at: OrgAt, reloads: number): OrgState => {
  const client = useClient();
  const [state, setState] = useState<OrgState>({ status: 'loading', people: null });
  useEffect(() => {
    let cancelled = false;
    setState((s) => ({ status: 'loading', people: s.people }));
    (async () => {
      const [people, recordedNow] = await Promise.all([loadOrg(client, at), at.knownAt ? loadOrg(client, { asOf: at.asOf, knownAt: null }) : null]);
      const corrected = recordedNow ? correctedLater(people, recordedNow) : new Set<string>();
      if (!cancelled) setState({ status: 'ready', people, corrected });
    })().catch((error: unknown) => {
      if (!cancelled) setState((s) => ({ status: 'error', error: error instanceof QueryFailed ? error.error : null, people: s.people }));
    });
    return () => {
      cancelled = true;
    };
  }, [client, at, reloads]);
  return state;
};
