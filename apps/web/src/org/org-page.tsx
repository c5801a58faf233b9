// The org chart through time: the time controls, the chart (or the list) of the org at that
// instant, updated live as changes are recorded.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useQuery, useSubscription } from 'urql';
import { requiredRole } from '../graphql/errors';
import { Empty, ErrorState, Loading } from '../ui/states';
import { OrgChart } from './org-chart';
import type { OrgAt } from './org-snapshot';
import { OrgChanged, OrgSpan } from './org-queries';
import type { Highlight } from './person-node';
import { PeopleList } from './people-list';
import { TimeControls } from './time-controls';
import { useOrg } from './use-org';

const earliest = (dates: string[], fallback: string) => dates.reduce((min, d) => (d < min ? d : min), fallback);

export const OrgPage = () => {
  const [now] = useState(() => new Date().toISOString());
  const [at, setAt] = useState<OrgAt>({ asOf: null, knownAt: null });
  const [view, setView] = useState<'chart' | 'list'>('chart');
  const [reloads, setReloads] = useState(0);
  const [spanResult] = useQuery({ query: OrgSpan });
  const span = useMemo(() => {
    const data = spanResult.data;
    const dates = [...(data?.people.edges.map((e) => e.node.registeredAt) ?? []), ...(data?.roles.edges.map((e) => e.node.definedAt) ?? [])];
    return { from: earliest(dates, now), to: now };
  }, [spanResult.data, now]);

  // a recorded change reads the org again (a burst of changes: once)
  const [live] = useSubscription({ query: OrgChanged }, (count: number | undefined) => (count ?? 0) + 1);
  useEffect(() => {
    if (!live.data) return;
    const timer = setTimeout(() => setReloads((n) => n + 1), 300);
    return () => clearTimeout(timer);
  }, [live.data]);

  const org = useOrg(at, reloads);
  const highlights = useMemo(() => {
    const marks = new Map<string, Highlight>();
    if (org.status === 'ready') for (const id of org.corrected) marks.set(id, 'corrected');
    return marks;
  }, [org]);
  const onAsOf = useCallback((asOf: string | null) => setAt((a) => ({ ...a, asOf })), []);
  const onKnownAt = useCallback((knownAt: string | null) => setAt((a) => ({ ...a, knownAt })), []);
  const liveRole = live.error ? requiredRole(live.error) : null;

  return (
    <section className="org-page" aria-labelledby="org-heading">
      <header className="page-header">
        <h1 id="org-heading">Org chart</h1>
        <div className="view-switch" role="group" aria-label="View">
          <button type="button" aria-pressed={view === 'chart'} onClick={() => setView('chart')}>
            Chart
          </button>
          <button type="button" aria-pressed={view === 'list'} onClick={() => setView('list')}>
            List
          </button>
        </div>
      </header>
      <TimeControls span={span} asOf={at.asOf} knownAt={at.knownAt} onAsOf={onAsOf} onKnownAt={onKnownAt} />
      <p className="hint live" role="status">
        {liveRole ? `Live updates need the ${liveRole} role.` : live.error ? 'Live updates are interrupted.' : 'Live: changes appear as they are recorded.'}
        {org.status === 'loading' && ' Loading the org…'}
        {org.status === 'ready' && at.knownAt && ` ${org.corrected.size} ${org.corrected.size === 1 ? 'person was' : 'people were'} corrected later.`}
      </p>
      {org.status === 'error' && (org.error ? <ErrorState error={org.error} /> : <p role="alert">The org could not be read.</p>)}
      {org.people === null ? (
        org.status === 'loading' && <Loading what="the org" />
      ) : org.people.length === 0 ? (
        <Empty>Nobody was in the org on that date.</Empty>
      ) : view === 'chart' ? (
        <OrgChart people={org.people} highlights={highlights} />
      ) : (
        <PeopleList people={org.people} />
      )}
    </section>
  );
};
