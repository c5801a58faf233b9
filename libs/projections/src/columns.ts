// What the in-memory columns (counts, diffs) share: values seen before as small numbers (equal
// values get equal numbers, so columns hold numbers and compare them without building the values),
// and instants as milliseconds.

export class Interned<T> {
  private readonly numbers = new Map<T, number>();
  /** Each value, by its number. */
  readonly values: T[] = [];

  number(value: T): number {
    let n = this.numbers.get(value);
    if (n === undefined) {
      this.numbers.set(value, (n = this.values.length));
      this.values.push(value);
    }
    return n;
  }

  get size(): number {
    return this.values.length;
  }

  /** -1 for a value never seen: it matches nothing. */
  known(value: T): number {
    return this.numbers.get(value) ?? -1;
  }
}

/** An instant's milliseconds; an open end is Infinity. */
export const ms = (at: string | null): number => (at === null ? Infinity : Date.parse(at));
