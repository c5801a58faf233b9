// Two dates: who joined, left, moved, changed title or role between them, as a list and on the chart of the later date.
import { useEffect, useMemo, useState } from 'react';
import { useClient, type CombinedError } from 'urql';
import { OrgChart } from '../org/org-chart';
import { useOrg } from '../org/use-org';
import { PersonLink, RoleLink } from '../people/entity-name';
import { href } from '../routing';
import { endOfDayInput, formatDate, toDateInput } from '../ui/dates';
import { Empty, ErrorState, Loading } from '../ui/states';
import { dataOf, QueryFailed, readPages } from '../graphql/pages';
import { OrgDiffPage } from './diff-queries';
import { diffHighlights, peopleChanges, PERSON_CHANGE_KINDS, type PersonChange } from './people-changes';

/** Pages of changes read at most (each is an orgDiff call, which the API limits per minute). */
const MAX_PAGES = 5;

const HEADINGS: Record<PersonChange['kind'], string> = { joined: 'Joined', left: 'Left', moved: 'Moved', title: 'Changed title', role: 'Changed role' };

type DiffState = { status: 'loading' } | { status: 'ready'; changes: PersonChange[]; partial: boolean } | { status: 'error'; error: CombinedError };

const useDiff = (from: string, to: string): DiffState => {
  const client = useClient();
  const [state, setState] = useState<DiffState>({ status: 'loading' });
  useEffect(() => {
    let cancelled = false;
    setState({ status: 'loading' });
    readPages(
      async (after) => {
        const { orgDiff } = dataOf(await client.query(OrgDiffPage, { from, to, after }).toPromise());
        return { items: orgDiff.changes.edges.map((e) => e.node), pageInfo: orgDiff.changes.pageInfo };
      },
      { maxPages: MAX_PAGES },
    ).then(
      ({ items, complete }) => !cancelled && setState({ status: 'ready', changes: peopleChanges(items), partial: !complete }),
      (error: unknown) => !cancelled && error instanceof QueryFailed && setState({ status: 'error', error: error.error }),
    );
    return () => {
      cancelled = true;
    };
  }, [client, from, to]);
  return state;
};

const Person = ({ id, name }: { id: string; name?: string | null }) => (name ? <a href={href.person(id)}>{name}</a> : <PersonLink id={id} />);
const Manager = ({ id }: { id: string | null }) => (id ? <PersonLink id={id} /> : <>nobody</>);

const Change = ({ change }: { change: PersonChange }) => {
  switch (change.kind) {
    case 'joined':
      return (
        <>
          <Person id={change.personId} name={change.name} />
          {change.title && ` as ${change.title}`}
        </>
      );
    case 'left':
      return <Person id={change.personId} name={change.name} />;
    case 'moved':
      return (
        <>
          <Person id={change.personId} />: from <Manager id={change.from} /> to <Manager id={change.to} />
        </>
      );
    case 'title':
      return (
        <>
          <Person id={change.personId} />: {change.from ?? 'no title'} → {change.to ?? 'no title'}
        </>
      );
    case 'role':
      return (
        <>
          <Person id={change.personId} /> {change.change} <RoleLink id={change.roleId} />
        </>
      );
  }
};

const yearAgo = () => new Date(Date.now() - 365 * 86_400_000).toISOString();

export const DiffPage = () => {
  const [range, setRange] = useState(() => ({ from: endOfDayInput(toDateInput(yearAgo()))!, to: new Date().toISOString() }));
  const diff = useDiff(range.from, range.to);
  const at = useMemo(() => ({ asOf: range.to, knownAt: null }), [range.to]);
  const org = useOrg(at, 0);
  const highlights = useMemo(() => (diff.status === 'ready' ? diffHighlights(diff.changes) : new Map()), [diff]);
  const pick = (which: 'from' | 'to') => (value: string) => {
    const iso = endOfDayInput(value);
    if (iso) setRange((r) => ({ ...r, [which]: iso }));
  };
  return (
    <section className="diff-page" aria-labelledby="diff-heading">
      <header className="page-header">
        <h1 id="diff-heading">What changed</h1>
      </header>
      <div className="time-controls">
        <div className="field">
          <label htmlFor="diff-from">From</label>
          <input id="diff-from" type="date" value={toDateInput(range.from)} onChange={(e) => pick('from')(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="diff-to">To</label>
          <input id="diff-to" type="date" value={toDateInput(range.to)} onChange={(e) => pick('to')(e.target.value)} />
        </div>
      </div>
      {range.from > range.to && <p className="hint">“From” is after “To”: the list reads backwards in time.</p>}
      {diff.status === 'loading' && <Loading what="the changes" />}
      {diff.status === 'error' && <ErrorState error={diff.error} />}
      {diff.status === 'ready' && diff.changes.length === 0 && (
        <Empty>
          Nobody joined, left, moved or changed title or role between {formatDate(range.from)} and {formatDate(range.to)}.
        </Empty>
      )}
      {diff.status === 'ready' && diff.changes.length > 0 && (
        <div className="diff-lists">
          {PERSON_CHANGE_KINDS.map((kind) => {
            const list = diff.changes.filter((c) => c.kind === kind);
            return list.length === 0 ? null : (
              <section key={kind} className={`diff-kind diff-${kind}`} aria-labelledby={`diff-${kind}`}>
                <h2 id={`diff-${kind}`}>
                  {HEADINGS[kind]} <span className="count">{list.length}</span>
                </h2>
                <ul>
                  {list.map((c, i) => (
                    <li key={`${c.personId}-${i}`}>
                      <Change change={c} />
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
          {diff.partial && <p className="hint">Only the first changes are listed; pick closer dates to see them all.</p>}
        </div>
      )}
      <h2>On the chart of {formatDate(range.to)}</h2>
      {org.people ? <OrgChart people={org.people} highlights={highlights} /> : org.status === 'error' ? null : <Loading what="the org" />}
    </section>
  );
};
