// The org at (asOf, knownAt) for the chart, read again when the date moves or a change arrives;
// with knownAt, also as recorded now, to mark the people corrected since.
import { useEffect, useState } from 'react';
import { useClient, type CombinedError } from 'urql';
import { QueryFailed } from '../graphql/pages';
import { correctedLater, loadOrg, type ChartPerson, type OrgAt } from './org-snapshot';

export type OrgState =
  | { status: 'loading'; people: ChartPerson[] | null; loaded: number; total: number | null }
  | { status: 'ready'; people: ChartPerson[]; corrected: Set<string> }
  | { status: 'error'; error: CombinedError | null; people: ChartPerson[] | null };

export const useOrg = (at: OrgAt, reloads: number): OrgState => {
  const client = useClient();
  const [state, setState] = useState<OrgState>({ status: 'loading', people: null, loaded: 0, total: null });
  useEffect(() => {
    const abort = new AbortController();
    setState((s) => ({ status: 'loading', people: s.people, loaded: 0, total: null }));
    const onPage = (loaded: number, total: number) => {
      if (!abort.signal.aborted) setState((s) => ({ status: 'loading', people: s.people, loaded, total }));
    };
    (async () => {
      const people = await loadOrg(client, at, abort.signal, onPage);
      const corrected = at.knownAt ? correctedLater(people, await loadOrg(client, { asOf: at.asOf, knownAt: null }, abort.signal)) : new Set<string>();
      if (!abort.signal.aborted) setState({ status: 'ready', people, corrected });
    })().catch((error: unknown) => {
      if (!abort.signal.aborted) setState((s) => ({ status: 'error', error: error instanceof QueryFailed ? error.error : null, people: s.people }));
    });
    return () => abort.abort();
  }, [client, at, reloads]);
  return state;
};
