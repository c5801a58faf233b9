// One person on the chart: name, title, roles with their allocation, a link to their history and
// the button that shows or hides their reports.
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { href } from '../routing';
import type { PlacedPerson } from './chart-layout';

/** Why a person stands out: a search match, a back-dated correction, or a change in a diff. */
export type Highlight = 'match' | 'corrected' | 'joined' | 'moved' | 'changed';

export const HIGHLIGHT_LABEL: Record<Highlight, string> = {
  match: 'matches the search',
  corrected: 'corrected later (back-dated change recorded after this date)',
  joined: 'joined',
  moved: 'moved (new manager)',
  changed: 'title or role changed',
};

export type PersonNodeData = { placed: PlacedPerson; highlight: Highlight | null; onToggle: (id: string) => void };
export type PersonNodeType = Node<PersonNodeData, 'person'>;

export const PersonNode = memo(({ data }: NodeProps<PersonNodeType>) => {
  const { person, reports, expanded } = data.placed;
  return (
    <div className={`person-node${data.highlight ? ` highlight-${data.highlight}` : ''}`} data-person-id={person.id}>
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <a className="person-name" href={href.person(person.id)}>
        {person.name}
      </a>
      {person.title && <div className="person-title">{person.title}</div>}
      <ul className="person-roles" aria-label="Roles">
        {person.roles.map((r) => (
          <li key={r.roleId}>
            <a href={href.role(r.roleId)}>{r.name}</a> {r.allocationPercent}%
          </li>
        ))}
      </ul>
      {data.highlight && <span className="badge">{HIGHLIGHT_LABEL[data.highlight]}</span>}
      {reports > 0 && (
        <button type="button" className="toggle nodrag" aria-expanded={expanded} onClick={() => data.onToggle(person.id)}>
          {expanded ? 'Hide' : 'Show'} {reports} {reports === 1 ? 'report' : 'reports'}
        </button>
      )}
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
});
PersonNode.displayName = 'PersonNode';
