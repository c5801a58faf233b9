import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { GraphQLError } from 'graphql';
import { CombinedError, Provider, type Client } from 'urql';
import { describe, expect, it, vi } from 'vitest';
import { fromValue } from 'wonka';
import { WaiveForm } from './waive-form';

type Answer = { data?: unknown; error?: CombinedError };
const clientAnswering = (...answers: Answer[]) => {
  const sent: unknown[] = [];
  const client = {
    executeMutation: vi.fn((operation: { variables: unknown }) => {
      sent.push(operation.variables);
      return fromValue({ operation, stale: false, hasNext: false, ...answers[Math.min(sent.length - 1, answers.length - 1)] });
    }),
  } as unknown as Client;
  return { client, sent };
};

const waived = { data: { waiveDriftFinding: { id: 'f1', status: 'WAIVED', waiver: null } } };

describe('waiving a finding', () => {
  it('asks for a reason before sending anything', () => {
    const { client, sent } = clientAnswering(waived);
    render(
      <Provider value={client}>
        <WaiveForm findingId="f1" onDone={vi.fn()} onCancel={vi.fn()} />
      </Provider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Waive' }));
    expect(screen.getByRole('alert').textContent).toBe('Say why this finding is accepted.');
    expect(sent).toEqual([]);
  });

  it('sends the reason and the expiry, and a retry after a refusal carries the same idempotency key', async () => {
    const refused = {
      error: new CombinedError({ graphQLErrors: [new GraphQLError('This operation requires the editor role', { extensions: { code: 'FORBIDDEN' } })] }),
    };
    const { client, sent } = clientAnswering(refused, waived);
    const onDone = vi.fn();
    render(
      <Provider value={client}>
        <WaiveForm findingId="f1" onDone={onDone} onCancel={vi.fn()} />
      </Provider>,
    );
    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: '  accepted for the pilot  ' } });
    fireEvent.change(screen.getByLabelText('Expires on (optional)'), { target: { value: '2027-01-31' } });
    fireEvent.click(screen.getByRole('button', { name: 'Waive' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/You need the editor role/));
    expect(onDone).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Waive' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    const [first, second] = sent as { input: { findingId: string; reason: string; expiresAt: string; idempotencyKey: string } }[];
    expect(first!.input).toMatchObject({ findingId: 'f1', reason: 'accepted for the pilot' });
    expect(new Date(first!.input.expiresAt).getDate()).toBe(31);
    expect(second!.input.idempotencyKey).toBe(first!.input.idempotencyKey);
  });
});
