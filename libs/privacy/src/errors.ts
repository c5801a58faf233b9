// Typed errors of the privacy library. Messages name fields and rules, never values, keys or
// ciphertext, so an error can be logged as it is.

export type UnreadableReason =
  /** Not the shape of a sealed value (or not canonical base64url). */
  | 'malformed'
  /** Sealed by a newer format than this build reads. */
  | 'unsupported-version'
  /** Sealed with another key than the subject's (a key store that is not the one that sealed it). */
  | 'other-key'
  /** Authentication failed: the ciphertext, IV or tag was altered, or it was sealed for another tenant, subject or field. */
  | 'not-authentic';

/** A sealed value that cannot be opened. Never answered as garbage or as a placeholder. */
export class UnreadableSealedValue extends Error {
  constructor(
    readonly field: string,
    readonly reason: UnreadableReason,
  ) {
    super(`The sealed value of field '${field}' cannot be opened (${reason})`);
    this.name = 'UnreadableSealedValue';
  }
}

/** A value that sealing does not take: only a string, null or an array of strings. */
export class NotSealable extends Error {
  constructor(readonly field: string) {
    super(`Field '${field}' holds a value that cannot be sealed (a string, null or an array of strings)`);
    this.name = 'NotSealable';
  }
}

/**
 * The subject's personal data was erased: no key is issued for it again, so nothing new can be
 * written about it. A caller decides what that means (refuse the command, or write without the field).
 */
export class SubjectErased extends Error {
  constructor(
    readonly tenantId: string,
    readonly subjectId: string,
  ) {
    super('The personal data of this subject was erased; no new data key is issued for it');
    this.name = 'SubjectErased';
  }
}

/**
 * A sealed value whose subject has neither a key nor a tombstone: the key store is not the one
 * that sealed it (lost, or restored from too old a backup). Reported, not shown as erased, so a
 * lost key store is noticed.
 */
export class MissingDataKey extends Error {
  constructor(
    readonly tenantId: string,
    readonly subjectId: string,
  ) {
    super('A sealed value was found for a subject that has no data key and was never erased');
    this.name = 'MissingDataKey';
  }
}
