import fc from 'fast-check';
import type { NewEvent } from '../port';
import { sizeOnDisk, splitByAppendSize } from './append-size';

const event = (n: number, pad: number): NewEvent => ({ id: `id-${n}`, type: 'Événement', data: { pad: 'é'.repeat(pad) }, metadata: { n } });

describe('splitByAppendSize', () => {
  it("counts an event as the server's Event.SizeOnDisk does: UTF-8 data and metadata, two bytes per type character", () =>
    expect(sizeOnDisk(event(1, 3))).toBe(Buffer.byteLength('{"pad":"ééé"}') + Buffer.byteLength('{"n":1}') + 'Événement'.length * 2));

  it('cuts the events, in order, into the fewest greedy parts within the limit; an event over it stands alone', () =>
    fc.assert(
      fc.property(fc.array(fc.nat(400), { minLength: 1, maxLength: 40 }), fc.integer({ min: 50, max: 2000 }), (pads, max) => {
        const events = pads.map((pad, n) => event(n, pad));
        const parts = splitByAppendSize(events, max);
        const total = (part: NewEvent[]) => part.reduce((sum, e) => sum + sizeOnDisk(e), 0);
        expect(parts.flat()).toEqual(events);
        for (const part of parts) if (part.length > 1) expect(total(part)).toBeLessThanOrEqual(max);
        // greedy: the next part's first event would not have fitted in the part before it
        parts.slice(1).forEach((part, i) => expect(total(parts[i]!) + sizeOnDisk(part[0]!)).toBeGreaterThan(max));
        expect(splitByAppendSize(events, max)).toEqual(parts);
      }),
    ));
});
