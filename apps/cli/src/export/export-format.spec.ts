import { pageOfList } from '@rolebook/projections';
import { allPages, jsonDocument } from './export-format';

describe('export formats', () => {
  it('writes a JSON document that parses back to what it is of and its records, one a line', () => {
    const text = [...jsonDocument({ tenant: 'acme', knownAt: null }, 'people', [{ id: 1 }, { id: 2, name: 'Zoë "Z"' }])].join('');
    expect(JSON.parse(text)).toEqual({ tenant: 'acme', knownAt: null, people: [{ id: 1 }, { id: 2, name: 'Zoë "Z"' }] });
    expect(text.split('\n').filter((line) => line.startsWith('    {'))).toHaveLength(2);
  });

  it('writes an empty list as []', () => {
    expect(JSON.parse([...jsonDocument({}, 'events', [])].join(''))).toEqual({ events: [] });
  });

  it('reads every page of a paged list, in order', () => {
    const list = Array.from({ length: 1234 }, (_, i) => i);
    const reads: number[] = [];
    const items = [
      ...allPages((page) => {
        reads.push(page.first);
        return pageOfList(list, page);
      }),
    ];
    expect(items).toEqual(list);
    expect(reads).toHaveLength(3);
  });
});
