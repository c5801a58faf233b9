// Names a person reads in lists and the audit trail (API key names, token actors) must show what
// they are: no C0/C1 controls, no format characters (bidi overrides, zero-width), no line separators.
const UNPRINTABLE = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

export const isPrintable = (text: string): boolean => !UNPRINTABLE.test(text);
