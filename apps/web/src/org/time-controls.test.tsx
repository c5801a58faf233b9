import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TimeControls } from './time-controls';

const span = { from: '2025-01-06T09:00:00.000Z', to: '2026-11-30T12:00:00.000Z' };

describe('the time controls', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('the slider covers the whole history, a day a step, and reads the org once it rests', () => {
    const onAsOf = vi.fn();
    const { rerender } = render(<TimeControls span={span} asOf={null} knownAt={null} onAsOf={onAsOf} onKnownAt={vi.fn()} />);
    const slider = screen.getByRole('slider');
    expect(slider.getAttribute('max')).toBe('693');
    expect((slider as HTMLInputElement).value).toBe('693');
    fireEvent.change(slider, { target: { value: '100' } });
    fireEvent.change(slider, { target: { value: '146' } });
    expect(onAsOf).not.toHaveBeenCalled();
    act(() => void vi.advanceTimersByTime(300));
    expect(onAsOf).toHaveBeenCalledTimes(1);
    const picked = new Date(onAsOf.mock.calls[0]![0] as string);
    // the end of 1 June 2025 in the viewer's time zone: everything that happened that day counts
    expect([picked.getFullYear(), picked.getMonth() + 1, picked.getDate(), picked.getHours()]).toEqual([2025, 6, 1, 23]);
    // the far end is today, live: asOf is left to the API (now, whenever it reads)
    rerender(<TimeControls span={span} asOf={onAsOf.mock.calls[0]![0] as string} knownAt={null} onAsOf={onAsOf} onKnownAt={vi.fn()} />);
    expect((slider as HTMLInputElement).value).toBe('146');
    fireEvent.change(slider, { target: { value: '693' } });
    act(() => void vi.advanceTimersByTime(300));
    expect(onAsOf).toHaveBeenLastCalledWith(null);
  });

  it('the date picker moves asOf; "as known on" can be set and cleared', () => {
    const onAsOf = vi.fn();
    const onKnownAt = vi.fn();
    const { rerender } = render(<TimeControls span={span} asOf={span.to} knownAt={null} onAsOf={onAsOf} onKnownAt={onKnownAt} />);
    fireEvent.change(screen.getByLabelText('Date'), { target: { value: '2025-03-03' } });
    expect(new Date(onAsOf.mock.calls[0]![0] as string).getDate()).toBe(3);
    fireEvent.change(screen.getByLabelText('As known on'), { target: { value: '2025-04-01' } });
    expect(onKnownAt).toHaveBeenCalledWith(expect.stringMatching(/^2025-0[34]/));
    rerender(<TimeControls span={span} asOf={span.to} knownAt="2025-04-01T21:59:59.999Z" onAsOf={onAsOf} onKnownAt={onKnownAt} />);
    fireEvent.click(screen.getByRole('button', { name: 'Everything recorded' }));
    expect(onKnownAt).toHaveBeenLastCalledWith(null);
  });
});
