// Reporting lines as a tree laid out by d3-hierarchy: who is shown (a collapsed person hides their
// reports), where, and which people a search finds. Pure, so it is tested without a browser.
import { hierarchy, tree } from 'd3-hierarchy';
import type { ChartPerson } from './org-snapshot';

/** People in the viewer's alphabetical order, numbers by value ("Person 2" before "Person 10"). */
export const byPersonName = new Intl.Collator(undefined, { numeric: true });

export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 96;
const GAP_X = 24;
const GAP_Y = 56;

export interface Reporting {
  byId: Map<string, ChartPerson>;
  /** People at the top: no manager, a manager not in the org at the instant, or in a reporting cycle's break. */
  roots: string[];
  reportsOf: Map<string, string[]>;
  managerOf: Map<string, string>;
}

/** The reporting tree; a cycle (which drift reports) is broken where it is found, so everyone is shown once. */
export const reportingOf = (people: ChartPerson[]): Reporting => {
  const byId = new Map(people.map((p) => [p.id, p]));
  const managerOf = new Map<string, string>();
  for (const p of people) if (p.managerId && byId.has(p.managerId)) managerOf.set(p.id, p.managerId);
  // break cycles: walk up from each person; a person met twice on one walk loses their manager
  const settled = new Set<string>();
  for (const p of people) {
    const path = new Set<string>();
    let at: string | undefined = p.id;
    while (at && !settled.has(at)) {
      if (path.has(at)) {
        managerOf.delete(at);
        break;
      }
      path.add(at);
      at = managerOf.get(at);
    }
    for (const id of path) settled.add(id);
  }
  const reportsOf = new Map<string, string[]>();
  const roots: string[] = [];
  const byName = (a: string, b: string) => byPersonName.compare(byId.get(a)!.name, byId.get(b)!.name);
  for (const p of people) {
    const manager = managerOf.get(p.id);
    if (!manager) roots.push(p.id);
    else if (reportsOf.has(manager)) reportsOf.get(manager)!.push(p.id);
    else reportsOf.set(manager, [p.id]);
  }
  for (const list of reportsOf.values()) list.sort(byName);
  roots.sort(byName);
  return { byId, roots, reportsOf, managerOf };
};

/** Who is expanded at first: the top two levels. */
export const initiallyExpanded = ({ roots, reportsOf }: Reporting): Set<string> =>
  new Set([...roots, ...roots.flatMap((r) => reportsOf.get(r) ?? [])].filter((id) => reportsOf.has(id)));

export const ancestorsOf = ({ managerOf }: Reporting, id: string): string[] => {
  const up: string[] = [];
  for (let at = managerOf.get(id); at; at = managerOf.get(at)) up.push(at);
  return up;
};

/** People whose name, title or a role's name contains the text (case- and accent-insensitive). */
export const search = (people: ChartPerson[], text: string): ChartPerson[] => {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
  const needle = fold(text.trim());
  if (!needle) return [];
  return people.filter((p) => [p.name, p.title ?? '', ...p.roles.map((r) => r.name)].some((s) => fold(s).includes(needle)));
};

export interface PlacedPerson {
  person: ChartPerson;
  x: number;
  y: number;
  reports: number;
  expanded: boolean;
}

export interface ChartLayout {
  nodes: PlacedPerson[];
  edges: { id: string; source: string; target: string }[];
}

interface TreeItem {
  id: string | null;
  children: string[];
}

export const layoutChart = (reporting: Reporting, expanded: ReadonlySet<string>): ChartLayout => {
  const item = (id: string | null): TreeItem => ({
    id,
    children: id === null ? reporting.roots : expanded.has(id) ? (reporting.reportsOf.get(id) ?? []) : [],
  });
  const root = hierarchy<TreeItem>(item(null), (d) => d.children.map(item));
  tree<TreeItem>().nodeSize([NODE_WIDTH + GAP_X, NODE_HEIGHT + GAP_Y])(root);
  const nodes: PlacedPerson[] = [];
  const edges: ChartLayout['edges'] = [];
  for (const node of root.descendants()) {
    const id = node.data.id;
    if (id === null) continue;
    nodes.push({
      person: reporting.byId.get(id)!,
      x: node.x ?? 0,
      y: (node.y ?? 0) - (NODE_HEIGHT + GAP_Y),
      reports: reporting.reportsOf.get(id)?.length ?? 0,
      expanded: expanded.has(id),
    });
    const parent = node.parent?.data.id;
    if (parent) edges.push({ id: `${parent}->${id}`, source: parent, target: id });
  }
  return { nodes, edges };
};
