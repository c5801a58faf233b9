// Drift: open findings grouped by rule and severity, each with its subject, explanation and cited
// passage; resolved and waived ones as a history; a check run on demand, updated live.
import { useEffect, useMemo, useState } from 'react';
import { useMutation, useQuery, useSubscription } from 'urql';
import { describeError } from '../graphql/errors';
import { formatDateTime } from '../ui/dates';
import { Empty, ErrorState, Loading } from '../ui/states';
import { groupFindings, ruleTitle } from './drift-groups';
import { DriftFindingChanged, DriftRuns, RunDriftCheck } from './drift-queries';
import { FindingCard } from './finding-card';
import { useFindings } from './use-findings';

const RunCheck = ({ onRan }: { onRan: () => void }) => {
  const [{ fetching, data, error }, run] = useMutation(RunDriftCheck);
  const [started, setStarted] = useState<number | null>(null);
  const [elapsed, setElapsed] = useState(0);
  useEffect(() => {
    if (!fetching || started === null) return;
    const timer = setInterval(() => setElapsed(Math.round((Date.now() - started) / 1000)), 500);
    return () => clearInterval(timer);
  }, [fetching, started]);
  const start = async () => {
    setStarted(Date.now());
    setElapsed(0);
    const result = await run({ idempotencyKey: crypto.randomUUID() });
    if (!result.error) onRan();
  };
  const ran = data?.runDriftCheck;
  return (
    <div className="run-check">
      <button type="button" onClick={() => void start()} disabled={fetching}>
        {fetching ? 'Checking…' : 'Run a check now'}
      </button>
      <p role="status" aria-live="polite" className="hint">
        {fetching && `Checking the org against the reference model… ${elapsed} s`}
        {!fetching &&
          ran &&
          `Checked ${formatDateTime(ran.checkedAt)} in ${ran.durationMs} ms: ${ran.detected} new, ${ran.resolved} resolved, ${ran.open} open.`}
      </p>
      {error && (
        <p role="alert" className="state error">
          {describeError(error)}
        </p>
      )}
    </div>
  );
};

const RecentRuns = ({ reloads }: { reloads: number }) => {
  const [{ data }, refetch] = useQuery({ query: DriftRuns });
  useEffect(() => {
    if (reloads > 0) refetch({ requestPolicy: 'network-only' });
  }, [reloads, refetch]);
  const runs = data?.driftRuns.edges ?? [];
  if (runs.length === 0) return null;
  return (
    <details className="runs">
      <summary>Recent checks</summary>
      <ul>
        {runs.map(({ node }) => (
          <li key={node.id}>
            {formatDateTime(node.checkedAt)} ({node.trigger}): {node.detected} new, {node.resolved} resolved, {node.open} open, {node.durationMs} ms
          </li>
        ))}
      </ul>
    </details>
  );
};

const OpenFindings = ({ reloads, onChanged }: { reloads: number; onChanged: () => void }) => {
  const state = useFindings(['OPEN'], reloads);
  const findings = state.status === 'error' ? null : state.findings;
  const groups = useMemo(() => groupFindings(findings ?? []), [findings]);
  if (state.status === 'error') return <ErrorState error={state.error} />;
  if (!findings) return <Loading what="the findings" />;
  if (findings.length === 0) return <Empty>No open findings: the org matches the reference model.</Empty>;
  return (
    <div className="rule-groups">
      {groups.map((group) => (
        <section key={group.ruleId} className="rule-group" aria-labelledby={`rule-${group.ruleId}`}>
          <h2 id={`rule-${group.ruleId}`}>
            {ruleTitle(group.ruleId)} <span className="count">{group.count}</span>
          </h2>
          {group.bySeverity.map(({ severity, findings }) => (
            <div key={severity}>
              <h3 className={`severity-heading severity-${severity.toLowerCase()}`}>{severity.toLowerCase()}</h3>
              <ul className="findings">
                {findings.map((f) => (
                  <FindingCard key={f.id} finding={f} onChanged={onChanged} />
                ))}
              </ul>
            </div>
          ))}
        </section>
      ))}
    </div>
  );
};

const FindingHistory = ({ reloads }: { reloads: number }) => {
  const state = useFindings(['RESOLVED', 'WAIVED'], reloads);
  if (state.status === 'error') return <ErrorState error={state.error} />;
  if (!state.findings) return <Loading what="the history" />;
  if (state.findings.length === 0) return <Empty>No finding has been resolved or waived yet.</Empty>;
  const when = (f: (typeof state.findings)[number]) => f.waiver?.waivedAt ?? f.resolvedAt ?? f.detectedAt;
  const sorted = [...state.findings].sort((a, b) => when(b).localeCompare(when(a)));
  return (
    <ul className="findings">
      {sorted.map((f) => (
        <FindingCard key={f.id} finding={f} />
      ))}
    </ul>
  );
};

export const DriftPage = () => {
  const [tab, setTab] = useState<'open' | 'history'>('open');
  const [reloads, setReloads] = useState(0);
  const reload = () => setReloads((n) => n + 1);
  const [live] = useSubscription({ query: DriftFindingChanged }, (n: number | undefined) => (n ?? 0) + 1);
  useEffect(() => {
    if (!live.data) return;
    const timer = setTimeout(() => setReloads((n) => n + 1), 300);
    return () => clearTimeout(timer);
  }, [live.data]);
  return (
    <section className="drift-page" aria-labelledby="drift-heading">
      <header className="page-header">
        <h1 id="drift-heading">Drift</h1>
        <RunCheck onRan={reload} />
      </header>
      <RecentRuns reloads={reloads} />
      <div role="tablist" aria-label="Findings" className="tabs">
        <button type="button" role="tab" aria-selected={tab === 'open'} onClick={() => setTab('open')}>
          Open
        </button>
        <button type="button" role="tab" aria-selected={tab === 'history'} onClick={() => setTab('history')}>
          Resolved and waived
        </button>
      </div>
      <div role="tabpanel">{tab === 'open' ? <OpenFindings reloads={reloads} onChanged={reload} /> : <FindingHistory reloads={reloads} />}</div>
    </section>
  );
};
