// Reporting lines as a chart (xyflow: pan, zoom, keyboard), laid out by d3-hierarchy, with
// collapsible subtrees and a search that opens the way to what it finds.
import { Background, Controls, ReactFlow, ReactFlowProvider, useReactFlow, type Edge } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ancestorsOf, initiallyExpanded, layoutChart, NODE_HEIGHT, NODE_WIDTH, reportingOf, search } from './chart-layout';
import type { ChartPerson } from './org-snapshot';
import { PersonNode, type Highlight, type PersonNodeType } from './person-node';

const nodeTypes = { person: PersonNode };

export interface OrgChartProps {
  people: ChartPerson[];
  highlights?: ReadonlyMap<string, Highlight>;
}

const Chart = ({ people, highlights }: OrgChartProps) => {
  const reporting = useMemo(() => reportingOf(people), [people]);
  const [expanded, setExpanded] = useState(() => initiallyExpanded(reporting));
  const [query, setQuery] = useState('');
  const [focused, setFocused] = useState<string | null>(null);
  const flow = useReactFlow();

  // a new org (another date) keeps what the viewer opened, plus the top two levels and the highlighted people
  useEffect(() => {
    setExpanded((open) => {
      const next = new Set([...open, ...initiallyExpanded(reporting)]);
      for (const id of highlights?.keys() ?? []) for (const up of ancestorsOf(reporting, id)) next.add(up);
      return next;
    });
  }, [reporting, highlights]);

  const matches = useMemo(() => search(people, query), [people, query]);
  const layout = useMemo(() => layoutChart(reporting, expanded), [reporting, expanded]);
  const onToggle = useCallback(
    (id: string) =>
      setExpanded((open) => {
        const next = new Set(open);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    [],
  );

  const matchIds = useMemo(() => new Set(matches.map((m) => m.id)), [matches]);
  const nodes: PersonNodeType[] = useMemo(
    () =>
      layout.nodes.map((placed) => ({
        id: placed.person.id,
        type: 'person',
        position: { x: placed.x, y: placed.y },
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
        draggable: false,
        // xyflow turns pointer events off on nodes that are neither selectable nor draggable: the links and buttons inside need them
        style: { pointerEvents: 'all' },
        ariaLabel: placed.person.title ? `${placed.person.name}, ${placed.person.title}` : placed.person.name,
        selected: placed.person.id === focused,
        data: { placed, onToggle, highlight: matchIds.has(placed.person.id) ? 'match' : (highlights?.get(placed.person.id) ?? null) },
      })),
    [layout, onToggle, highlights, matchIds, focused],
  );
  const edges: Edge[] = useMemo(() => layout.edges.map((e) => ({ ...e, type: 'smoothstep', focusable: false })), [layout]);

  // the person asked for, until brought into view once: a later layout (another date, a live
  // change) leaves the viewport where the viewer moved it
  const [toCenter, setToCenter] = useState<string | null>(null);
  const show = (id: string) => {
    setExpanded((open) => new Set([...open, ...ancestorsOf(reporting, id)]));
    setFocused(id);
    setToCenter(id);
  };
  // once the person is laid out, bring them into view
  useEffect(() => {
    if (!toCenter) return;
    const placed = layout.nodes.find((n) => n.person.id === toCenter);
    if (!placed) return;
    void flow.setCenter(placed.x + NODE_WIDTH / 2, placed.y + NODE_HEIGHT / 2, { zoom: 1, duration: 300 });
    setToCenter(null);
  }, [toCenter, layout, flow]);

  return (
    <div className="org-chart">
      <div className="chart-search" role="search">
        <label htmlFor="chart-search">Find a person or role</label>
        <input id="chart-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Name, title or role" />
        {query.trim() && (
          <p role="status" className="hint">
            {matches.length === 0 ? 'Nobody matches.' : `${matches.length} ${matches.length === 1 ? 'match' : 'matches'}`}
          </p>
        )}
        {matches.length > 0 && (
          <ul className="search-results">
            {matches.slice(0, 20).map((m) => (
              <li key={m.id}>
                <button type="button" onClick={() => show(m.id)}>
                  {m.name}
                  {m.title ? ` · ${m.title}` : ''}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="chart-canvas" aria-label="Org chart">
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          onlyRenderVisibleElements
          fitView
          fitViewOptions={{ maxZoom: 1, nodes: nodes.slice(0, 50) }}
          minZoom={0.05}
          maxZoom={2}
        >
          <Background />
          <Controls showInteractive={false} />
        </ReactFlow>
      </div>
    </div>
  );
};

export const OrgChart = (props: OrgChartProps) => (
  <ReactFlowProvider>
    <Chart {...props} />
  </ReactFlowProvider>
);
