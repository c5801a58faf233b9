// Where in time the chart stands: a slider over the org's history and a date picker (asOf, in
// effect), and "known at" (as it was recorded on a date).
import { useEffect, useState } from 'react';
import { addDays, daysBetween, endOfDayInput, formatDate, toDateInput } from '../ui/dates';

export interface TimeControlsProps {
  /** The first day of the org's history and today. */
  span: { from: string; to: string };
  /** null: now (the chart follows changes as they are recorded). */
  asOf: string | null;
  knownAt: string | null;
  onAsOf: (iso: string | null) => void;
  onKnownAt: (iso: string | null) => void;
}

export const TimeControls = ({ span, asOf, knownAt, onAsOf, onKnownAt }: TimeControlsProps) => {
  const days = daysBetween(span.from, span.to);
  const [dragged, setDragged] = useState<number | null>(null);
  const position = dragged ?? (asOf === null ? days : Math.min(days, daysBetween(span.from, asOf)));
  // the slider moves freely; the org is read once it rests
  useEffect(() => {
    if (dragged === null) return;
    const timer = setTimeout(() => {
      onAsOf(dragged >= days ? null : endOfDayInput(toDateInput(addDays(span.from, dragged)))!);
      setDragged(null);
    }, 250);
    return () => clearTimeout(timer);
  }, [dragged, days, span, onAsOf]);
  const shown = dragged === null ? asOf : dragged >= days ? null : addDays(span.from, dragged);
  return (
    <div className="time-controls">
      <div className="field slider">
        <label htmlFor="as-of-slider">
          In effect on <output htmlFor="as-of-slider">{shown === null ? 'today (live)' : formatDate(shown)}</output>
        </label>
        <input
          id="as-of-slider"
          type="range"
          min={0}
          max={days}
          step={1}
          value={position}
          aria-valuetext={shown === null ? 'today' : formatDate(shown)}
          onChange={(e) => setDragged(Number(e.target.value))}
        />
        <div className="slider-ends" aria-hidden="true">
          <span>{formatDate(span.from)}</span>
          <span>{formatDate(span.to)}</span>
        </div>
      </div>
      <div className="field">
        <label htmlFor="as-of-date">Date</label>
        <input
          id="as-of-date"
          type="date"
          value={toDateInput(asOf ?? span.to)}
          onChange={(e) => {
            const iso = endOfDayInput(e.target.value);
            if (iso) onAsOf(iso);
          }}
        />
      </div>
      <div className="field">
        <label htmlFor="known-at-date">As known on</label>
        <input
          id="known-at-date"
          type="date"
          value={knownAt ? toDateInput(knownAt) : ''}
          aria-describedby="known-at-help"
          onChange={(e) => onKnownAt(endOfDayInput(e.target.value))}
        />
        {knownAt && (
          <button type="button" onClick={() => onKnownAt(null)}>
            Everything recorded
          </button>
        )}
        <p id="known-at-help" className="hint">
          {knownAt ? 'The org as it was recorded by then; people corrected later are marked.' : 'Empty: everything recorded so far.'}
        </p>
      </div>
    </div>
  );
};
