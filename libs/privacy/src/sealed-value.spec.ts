import { fromBase64Url, isSealed } from './sealed-value';

describe('isSealed', () => {
  it('tells a sealed value from plain ones, legacy values included', () => {
    expect(isSealed({ $sealed: 1, kid: 'k', iv: '', ct: '', tag: '' })).toBe(true);
    expect(isSealed({ $sealed: 2 })).toBe(true); // a newer version is still not a plain value
    for (const plain of ['Ada Lovelace', 'sealed:v1:abc', '{"$sealed":1}', null, undefined, 0, ['$sealed'], { name: 'Ada' }])
      expect(isSealed(plain)).toBe(false);
  });
});

describe('fromBase64Url', () => {
  it('accepts canonical text only', () => {
    expect(fromBase64Url('QWRh')).toEqual(Buffer.from('Ada'));
    expect(fromBase64Url('')).toEqual(Buffer.alloc(0));
    expect(fromBase64Url('QQ')).toEqual(Buffer.from('A')); // and 'QR' below decodes to the same byte
    for (const text of ['QWRh=', 'QW Rh', 'QW+h', 'QWRi8', 'QR']) expect(fromBase64Url(text)).toBeNull();
  });
});
