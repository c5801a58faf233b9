// A per-subject data key. The key bytes stay out of logs by construction: printing, inspecting or
// serialising a DataKey shows only its id, so a stray `logger.info({ key })` cannot leak them.
import { randomBytes, randomUUID } from 'node:crypto';
import { inspect } from 'node:util';

/** AES-256: 32 bytes. */
export const DATA_KEY_BYTES = 32;

export class DataKey {
  readonly #material: Buffer;

  constructor(
    /** Random, recorded beside every value sealed with this key; never derived from the key. */
    readonly id: string,
    material: Buffer,
  ) {
    if (material.length !== DATA_KEY_BYTES) throw new RangeError(`A data key is ${DATA_KEY_BYTES} bytes`);
    this.#material = Buffer.from(material);
  }

  static generate(): DataKey {
    return new DataKey(randomUUID(), randomBytes(DATA_KEY_BYTES));
  }

  /** The key bytes, for the cipher and the key stores only. */
  get material(): Buffer {
    return this.#material;
  }

  toJSON(): { id: string } {
    return { id: this.id };
  }

  toString(): string {
    return `DataKey(${this.id})`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}
