// Every recorded change of a person or role, oldest first: what changed, when it took effect, when
// it was recorded and by whom, why, and from which source.
import { useState } from 'react';
import { useQuery } from 'urql';
import { ErrorState, Empty, Loading } from '../ui/states';
import { formatDate, formatDateTime } from '../ui/dates';
import { describeActor, describeChange } from './describe-change';
import { Parts } from './entity-name';
import { EntityHistory } from './people-queries';

const DAY = 86_400_000;

const Page = ({ id, after, last, onMore }: { id: string; after: string | null; last: boolean; onMore: (cursor: string) => void }) => {
  const [{ data, error, fetching }] = useQuery({ query: EntityHistory, variables: { id, after } });
  if (error) return <ErrorState error={error} />;
  if (!data) return fetching ? <Loading what="the history" /> : null;
  const { edges, pageInfo, totalCount } = data.history;
  if (totalCount === 0) return <Empty>Nothing recorded yet.</Empty>;
  return (
    <>
      {edges.map(({ node }) => {
        const backDated = Date.parse(node.recordedAt) - Date.parse(node.effectiveAt) > DAY;
        return (
          <li key={node.id} className="timeline-item" data-type={node.type}>
            <time dateTime={node.effectiveAt}>{formatDate(node.effectiveAt)}</time>
            <div>
              <p className="change">
                <Parts parts={describeChange(node)} />
              </p>
              <p className="meta">
                Recorded {formatDateTime(node.recordedAt)} by {describeActor(node.actor, node.source)}
                {backDated && <span className="badge">back-dated</span>}
              </p>
              {node.reason && <p className="reason">Why: {node.reason}</p>}
            </div>
          </li>
        );
      })}
      {last && pageInfo.hasNextPage && pageInfo.endCursor && (
        <li>
          <button type="button" onClick={() => onMore(pageInfo.endCursor!)}>
            Show later changes
          </button>
        </li>
      )}
    </>
  );
};

export const Timeline = ({ id, label }: { id: string; label: string }) => {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return (
    <ol className="timeline" aria-label={label}>
      {cursors.map((after, i) => (
        <Page key={after ?? 'first'} id={id} after={after} last={i === cursors.length - 1} onMore={(c) => setCursors((all) => [...all, c])} />
      ))}
    </ol>
  );
};
