// One finding: its subject, what the rule found, the reference entry and the cited passage it rests on.
import { useState } from 'react';
import type { DriftFindingsQuery } from '../gql/graphql';
import { PersonLink, RoleLink, TeamLabel } from '../people/entity-name';
import { formatDate, formatDateTime } from '../ui/dates';
import { WaiveForm } from './waive-form';

export type Finding = DriftFindingsQuery['driftFindings']['edges'][number]['node'];

const Subject = ({ subject }: { subject: Finding['subject'] }) => {
  switch (subject.type) {
    case 'person':
      return <PersonLink id={subject.id} />;
    case 'role':
      return <RoleLink id={subject.id} />;
    case 'team':
      return <TeamLabel id={subject.id} />;
    case 'org':
      return <>the whole org</>;
    default:
      return <>{subject.type}</>;
  }
};

export const FindingCard = ({ finding, onChanged }: { finding: Finding; onChanged?: () => void }) => {
  const [waiving, setWaiving] = useState(false);
  return (
    <li className={`finding severity-${finding.severity.toLowerCase()}`} data-finding-id={finding.id}>
      <p className="finding-subject">
        <span className="severity">{finding.severity.toLowerCase()}</span> <Subject subject={finding.subject} />
      </p>
      <p className="finding-message">{finding.message}</p>
      <blockquote cite={finding.source.cite.source}>
        <p>{finding.source.cite.passage}</p>
        <footer>
          {finding.source.cite.source} · reference entry <code>{finding.source.entry}</code>
        </footer>
      </blockquote>
      <p className="meta">
        Detected {formatDateTime(finding.detectedAt)}
        {finding.resolvedAt && ` · resolved ${formatDateTime(finding.resolvedAt)}`}
      </p>
      {finding.waiver && (
        <p className="meta">
          Waived {formatDateTime(finding.waiver.waivedAt)} by {finding.waiver.actor}: {finding.waiver.reason}
          {finding.waiver.expiresAt && ` (until ${formatDate(finding.waiver.expiresAt)})`}
        </p>
      )}
      {finding.status === 'OPEN' &&
        onChanged &&
        (waiving ? (
          <WaiveForm
            findingId={finding.id}
            onCancel={() => setWaiving(false)}
            onDone={() => {
              setWaiving(false);
              onChanged();
            }}
          />
        ) : (
          <button type="button" onClick={() => setWaiving(true)}>
            Waive…
          </button>
        ))}
    </li>
  );
};
