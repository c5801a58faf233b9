// Waive a finding: an accepted exception, with a reason and an optional expiry. One idempotency key
// per form, so a double submit or a retry records one waiver.
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { describeError } from '../graphql/errors';
import { endOfDayInput } from '../ui/dates';
import { WaiveDriftFinding } from './drift-queries';

export const WaiveForm = ({ findingId, onDone, onCancel }: { findingId: string; onDone: () => void; onCancel: () => void }) => {
  const [reason, setReason] = useState('');
  const [expires, setExpires] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [{ fetching }, waive] = useMutation(WaiveDriftFinding);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return setProblem('Say why this finding is accepted.');
    const expiresAt = expires ? endOfDayInput(expires) : null;
    const result = await waive({ input: { findingId, reason: reason.trim(), expiresAt, idempotencyKey } });
    if (result.error) return setProblem(describeError(result.error));
    onDone();
  };
  const id = `waive-${findingId}`;
  return (
    <form className="waive-form" onSubmit={(e) => void submit(e)} aria-label="Waive this finding" noValidate>
      <label htmlFor={`${id}-reason`}>Reason</label>
      <textarea id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} required aria-invalid={problem !== null} rows={2} />
      <label htmlFor={`${id}-expires`}>Expires on (optional)</label>
      <input id={`${id}-expires`} type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={fetching}>
          {fetching ? 'Waiving…' : 'Waive'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
};
