// The org at the instant as a list (virtualized): the chart's content for those who read rather than look.
import { useMemo } from 'react';
import { href } from '../routing';
import { VirtualList } from '../ui/virtual-list';
import { byPersonName } from './chart-layout';
import type { ChartPerson } from './org-snapshot';

export const PeopleList = ({ people }: { people: ChartPerson[] }) => {
  const names = useMemo(() => new Map(people.map((p) => [p.id, p.name])), [people]);
  const sorted = useMemo(() => [...people].sort((a, b) => byPersonName.compare(a.name, b.name)), [people]);
  return (
    <VirtualList items={sorted} rowHeight={48} height={560} label={`${people.length} people`} keyOf={(p) => p.id}>
      {(p) => (
        <div className="people-row">
          <a href={href.person(p.id)}>{p.name}</a>
          <span>{[p.title, ...p.teams].filter(Boolean).join(' · ')}</span>
          <span>{p.roles.map((r) => `${r.name} ${r.allocationPercent}%`).join(', ')}</span>
          <span>{p.managerId ? `reports to ${names.get(p.managerId) ?? 'someone not in the org then'}` : 'no manager'}</span>
        </div>
      )}
    </VirtualList>
  );
};
