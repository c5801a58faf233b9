// A person: who they are now, their roles over time, their manager and reports, and their history.
import { useQuery } from 'urql';
import { href } from '../routing';
import { formatDate } from '../ui/dates';
import { Empty, ErrorState, Loading } from '../ui/states';
import { PersonPage as PersonQuery } from './people-queries';
import { Timeline } from './timeline';

export const PersonPage = ({ id }: { id: string }) => {
  const [{ data, error, fetching }] = useQuery({ query: PersonQuery, variables: { id } });
  if (error && !data) return <ErrorState error={error} />;
  if (!data) return fetching ? <Loading what="the person" /> : null;
  const person = data.person;
  if (!person) return <Empty>Nobody with this id is on record.</Empty>;
  return (
    <article className="person-page" aria-labelledby="person-heading">
      <p>
        <a href={href.chart}>← Org chart</a>
      </p>
      <h1 id="person-heading">{person.name}</h1>
      <p className="subtitle">
        {person.title ?? 'No title'}
        {person.status === 'TERMINATED' && person.terminatedAt && ` · left on ${formatDate(person.terminatedAt)}`}
      </p>
      <dl className="facts">
        <dt>Manager</dt>
        <dd>{person.manager ? <a href={href.person(person.manager.id)}>{person.manager.name}</a> : 'None'}</dd>
        <dt>Reports</dt>
        <dd>
          {person.directReports.length === 0
            ? 'None'
            : person.directReports.map((r, i) => (
                <span key={r.id}>
                  {i > 0 && ', '}
                  <a href={href.person(r.id)}>{r.name}</a>
                </span>
              ))}
        </dd>
      </dl>
      <h2>Roles</h2>
      {person.assignments.length === 0 ? (
        <Empty>No role, now or before.</Empty>
      ) : (
        <table className="assignments">
          <thead>
            <tr>
              <th scope="col">Role</th>
              <th scope="col">Allocation</th>
              <th scope="col">From</th>
              <th scope="col">To</th>
            </tr>
          </thead>
          <tbody>
            {person.assignments.map((a) => (
              <tr key={a.id}>
                <td>{a.role ? <a href={href.role(a.role.id)}>{a.role.name}</a> : 'A role no longer defined'}</td>
                <td>{a.allocationPercent}%</td>
                <td>{formatDate(a.effectiveFrom)}</td>
                <td>{a.effectiveTo ? formatDate(a.effectiveTo) : 'now'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>History</h2>
      <Timeline id={person.id} label={`History of ${person.name}`} />
    </article>
  );
};
