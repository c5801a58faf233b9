import { describe, expect, it } from 'vitest';
import { diffHighlights, peopleChanges, type OrgChange } from './people-changes';

// shapes as the API answers them (orgDiff.changes on the demo org, June 2025 to now)
const changes: OrgChange[] = [
  {
    section: 'PEOPLE',
    kind: 'ADDED',
    id: 'grace',
    before: null,
    after: { name: 'Grace Lee', title: 'Growth Product Manager', status: 'Active' },
    changedFields: [],
  },
  {
    section: 'PEOPLE',
    kind: 'CHANGED',
    id: 'tom',
    before: { name: 'Tom', status: 'Active' },
    after: { name: 'Tom', status: 'Terminated' },
    changedFields: ['status'],
  },
  {
    section: 'PEOPLE',
    kind: 'CHANGED',
    id: 'luis',
    before: { title: 'Product Manager' },
    after: { title: 'Senior Product Manager' },
    changedFields: ['title'],
  },
  { section: 'REPORTING_LINES', kind: 'ADDED', id: 'grace', before: null, after: { personId: 'grace', managerId: 'maya' }, changedFields: [] },
  { section: 'REPORTING_LINES', kind: 'CHANGED', id: 'elena', before: { managerId: 'luis' }, after: { managerId: 'maya' }, changedFields: ['managerId'] },
  { section: 'ASSIGNMENTS', kind: 'REMOVED', id: 'a1', before: { personId: 'tom', roleId: 'pm' }, after: null, changedFields: [] },
  { section: 'ASSIGNMENTS', kind: 'ADDED', id: 'a2', before: null, after: { personId: 'grace', roleId: 'pm' }, changedFields: [] },
  { section: 'ASSIGNMENTS', kind: 'ADDED', id: 'a3', before: null, after: { personId: 'priya', roleId: 'po' }, changedFields: [] },
];

describe("an org diff in people's terms", () => {
  it('says who joined, left, moved, changed title or took a role, folding what joining and leaving imply', () => {
    expect(peopleChanges(changes)).toEqual([
      { kind: 'joined', personId: 'grace', name: 'Grace Lee', title: 'Growth Product Manager' },
      { kind: 'left', personId: 'tom', name: 'Tom' },
      { kind: 'title', personId: 'luis', from: 'Product Manager', to: 'Senior Product Manager' },
      { kind: 'moved', personId: 'elena', from: 'luis', to: 'maya' },
      { kind: 'role', personId: 'priya', roleId: 'po', change: 'took' },
    ]);
  });

  it('marks on the later chart those who joined, moved or changed, not those who left', () => {
    expect([...diffHighlights(peopleChanges(changes))].sort()).toEqual([
      ['elena', 'moved'],
      ['grace', 'joined'],
      ['luis', 'changed'],
      ['priya', 'changed'],
    ]);
  });
});
