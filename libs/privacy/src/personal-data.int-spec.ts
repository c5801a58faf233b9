// Crypto-shredding end to end over real files: personal fields sealed into a SQLite event log,
// their keys in keys.db. The raw log never holds the plaintext; after erasure the same log reads
// as the placeholders, on every read, and keys.db no longer holds the key.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@rolebook/event-store';
import { ERASED, PersonalDataProtector } from './personal-data';
import { SqliteDataKeyStore } from './sqlite/sqlite-data-key-store';
import { sqliteFileBytes } from './testing/sqlite-file-bytes';

const NAME = 'Margaret Heafield Hamilton';
const EMAIL = 'margaret.hamilton@example.com';

describe('personal data sealed into an event log', () => {
  let dir: string;
  let log: SqliteEventStore;
  let keys: SqliteDataKeyStore;
  let protector: PersonalDataProtector;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rolebook-privacy-'));
    log = new SqliteEventStore({ filename: join(dir, 'events.db') });
    keys = new SqliteDataKeyStore(join(dir, 'keys.db'));
    protector = new PersonalDataProtector(keys);
  });
  afterEach(async () => {
    await log.close();
    await keys.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const append = async (personId: string) => {
    const data = await protector.seal('t1', personId, { personId, name: NAME, email: EMAIL, title: 'Director' }, ['name', 'email']);
    await log.append(`t1/person/${personId}`, [{ id: randomUUID(), type: 'PersonRegistered', data, metadata: { tenantId: 't1' } }], 'no_stream');
  };
  const readPeople = async () =>
    Promise.all(
      (await log.readAll({ after: null, limit: 100 })).map((e) => {
        const data = e.data as Record<string, unknown>;
        return protector.open('t1', data.personId as string, data);
      }),
    );

  it('writes only ciphertext to the log and reads the plaintext back', async () => {
    const personId = randomUUID();
    await append(personId);
    await log.close();
    const raw = sqliteFileBytes(join(dir, 'events.db'));
    expect(raw.includes(personId)).toBe(true); // the search sees what is stored in the clear
    for (const trace of [NAME, 'Hamilton', EMAIL, 'margaret']) expect(raw.includes(trace)).toBe(false);
    log = new SqliteEventStore({ filename: join(dir, 'events.db') });
    expect(await readPeople()).toEqual([{ personId, name: NAME, email: EMAIL, title: 'Director' }]);
  });

  it('reads an erased person as placeholders on every read, other people as they were, and drops the key from keys.db', async () => {
    const [erased, kept] = [randomUUID(), randomUUID()];
    await append(erased);
    await append(kept);
    const key = await keys.keyFor('t1', erased);
    await protector.destroyKey('t1', erased, '2026-05-01T00:00:00.000Z');
    const expected = [
      { personId: erased, name: ERASED, email: null, title: 'Director' },
      { personId: kept, name: NAME, email: EMAIL, title: 'Director' },
    ];
    expect(await readPeople()).toEqual(expected);
    // a rebuild in a fresh process (no cached keys) gives the same answer
    protector = new PersonalDataProtector(keys);
    expect(await readPeople()).toEqual(expected);
    expect(sqliteFileBytes(join(dir, 'keys.db')).includes(key.material)).toBe(false);
  });
});
