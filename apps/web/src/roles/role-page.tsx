// A role: its definition now, its revisions, and who held it when.
import { useEffect, useState } from 'react';
import { useClient, useQuery, type CombinedError } from 'urql';
import { PersonLink } from '../people/entity-name';
import { Timeline } from '../people/timeline';
import { href } from '../routing';
import { formatDate } from '../ui/dates';
import { Empty, ErrorState, Loading } from '../ui/states';
import { dataOf, QueryFailed, readPages } from '../graphql/pages';
import { tenuresOf, type Tenure } from './holders';
import { AssignmentLog, RolePage as RoleQuery } from './role-queries';

/** Pages of the assignment log read at most (100 events each); past it the list says it is partial. */
const MAX_PAGES = 50;

type Holders = { status: 'loading' } | { status: 'ready'; tenures: Tenure[]; partial: boolean } | { status: 'error'; error: CombinedError };

const useHolders = (roleId: string): Holders => {
  const client = useClient();
  const [state, setState] = useState<Holders>({ status: 'loading' });
  useEffect(() => {
    let cancelled = false;
    setState({ status: 'loading' });
    readPages(
      async (after) => {
        const { auditLog } = dataOf(await client.query(AssignmentLog, { after }).toPromise());
        return { items: auditLog.edges.map((e) => e.node), pageInfo: auditLog.pageInfo };
      },
      { maxPages: MAX_PAGES },
    ).then(
      ({ items, complete }) => !cancelled && setState({ status: 'ready', tenures: tenuresOf(roleId, items), partial: !complete }),
      (error: unknown) => !cancelled && error instanceof QueryFailed && setState({ status: 'error', error: error.error }),
    );
    return () => {
      cancelled = true;
    };
  }, [client, roleId]);
  return state;
};

export const RolePage = ({ id }: { id: string }) => {
  const [{ data, error, fetching }] = useQuery({ query: RoleQuery, variables: { id } });
  const holders = useHolders(id);
  if (error && !data) return <ErrorState error={error} />;
  if (!data) return fetching ? <Loading what="the role" /> : null;
  const role = data.role;
  if (!role) return <Empty>No role with this id is on record.</Empty>;
  return (
    <article className="role-page" aria-labelledby="role-heading">
      <p>
        <a href={href.chart}>← Org chart</a>
      </p>
      <h1 id="role-heading">{role.name}</h1>
      <p className="subtitle">
        {role.status === 'RETIRED' && role.retiredAt ? `Retired on ${formatDate(role.retiredAt)}` : `Defined on ${formatDate(role.definedAt)}`}
        {role.referenceRoleKey && ` · reference role ${role.referenceRoleKey}`}
      </p>
      <h2>Purpose</h2>
      <p>{role.purpose}</p>
      <h2>Responsibilities</h2>
      {role.responsibilities.length === 0 ? (
        <Empty>None defined.</Empty>
      ) : (
        <ul>
          {role.responsibilities.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
      <h2>Held by</h2>
      {role.holders.length === 0 ? (
        <Empty>Nobody holds this role now.</Empty>
      ) : (
        <ul>
          {role.holders.map((h) => (
            <li key={h.id}>
              <a href={href.person(h.id)}>{h.name}</a>
            </li>
          ))}
        </ul>
      )}
      <h2>Who held it when</h2>
      {holders.status === 'loading' && <Loading what="the role's holders" />}
      {holders.status === 'error' && <ErrorState error={holders.error} />}
      {holders.status === 'ready' &&
        (holders.tenures.length === 0 ? (
          <Empty>Nobody has held this role.</Empty>
        ) : (
          <table className="tenures">
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Allocation</th>
                <th scope="col">From</th>
                <th scope="col">To</th>
              </tr>
            </thead>
            <tbody>
              {holders.tenures.map((t) => (
                <tr key={t.assignmentId}>
                  <td>
                    <PersonLink id={t.personId} />
                  </td>
                  <td>{t.allocationPercent}%</td>
                  <td>{formatDate(t.from)}</td>
                  <td>{t.to ? formatDate(t.to) : 'now'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      {holders.status === 'ready' && holders.partial && <p className="hint">Only the first {MAX_PAGES * 100} assignment changes were read.</p>}
      <h2>Revisions</h2>
      <Timeline id={role.id} label={`Revisions of ${role.name}`} />
    </article>
  );
};
