// Every promise the DataKeyStore port makes. An adapter's spec only calls testDataKeyStore with
// its own factory; an adapter that passes is interchangeable by construction.
import { randomUUID } from 'node:crypto';
import { DATA_KEY_BYTES, DataKey } from '../data-key';
import type { DataKeyStore } from '../data-key-store';
import { SubjectErased } from '../errors';

export interface DataKeyStoreFactory {
  /** A new connection to the one store under test (several may be open at once). */
  connect(): Promise<DataKeyStore>;
  dispose(): Promise<void>;
}

const NOW = '2026-05-01T00:00:00.000Z';

export const testDataKeyStore = (name: string, makeFactory: () => Promise<DataKeyStoreFactory>): void => {
  describe(`DataKeyStore contract: ${name}`, () => {
    let factory: DataKeyStoreFactory;
    let store: DataKeyStore;
    let opened: DataKeyStore[];
    let subject: string;

    const connect = async () => {
      const connection = await factory.connect();
      opened.push(connection);
      return connection;
    };

    beforeEach(async () => {
      factory = await makeFactory();
      opened = [];
      store = await connect();
      subject = randomUUID();
    });
    afterEach(async () => {
      for (const connection of opened) await connection.close();
      await factory.dispose();
    });

    const sameKey = (a: DataKey, b: DataKey) => {
      expect(a.id).toBe(b.id);
      expect(a.material.equals(b.material)).toBe(true);
    };

    it('knows no key for a subject never asked for, and find does not create one', async () => {
      expect(await store.find('t1', subject)).toBeNull();
      expect(await store.find('t1', subject)).toBeNull();
    });

    it('creates a random 32-byte key on first use and answers the same one afterwards, on every connection', async () => {
      const key = await store.keyFor('t1', subject);
      expect(key).toBeInstanceOf(DataKey);
      expect(key.material).toHaveLength(DATA_KEY_BYTES);
      expect(key.material.equals(Buffer.alloc(DATA_KEY_BYTES))).toBe(false);
      sameKey(await store.keyFor('t1', subject), key);
      const other = await connect();
      sameKey(await other.keyFor('t1', subject), key);
      sameKey((await other.find('t1', subject)) as DataKey, key);
    });

    it('answers many subjects at once as keyFor does: existing keys, new ones created, erased ones as erased', async () => {
      const existing = await store.keyFor('t1', subject);
      const fresh = randomUUID();
      const erased = randomUUID();
      await store.destroy('t1', erased, '2026-01-01T00:00:00.000Z');
      const keys = await store.keysFor('t1', [subject, fresh, erased]);
      expect([...keys.keys()]).toEqual([subject, fresh, erased]);
      sameKey(keys.get(subject) as DataKey, existing);
      sameKey((await connect().then((c) => c.find('t1', fresh))) as DataKey, keys.get(fresh) as DataKey);
      expect(keys.get(erased)).toBe('erased');
    });

    it('keeps one key per tenant and subject', async () => {
      const a = await store.keyFor('t1', subject);
      const b = await store.keyFor('t2', subject);
      const c = await store.keyFor('t1', randomUUID());
      expect(new Set([a.id, b.id, c.id]).size).toBe(3);
      expect(a.material.equals(b.material) || a.material.equals(c.material) || b.material.equals(c.material)).toBe(false);
    });

    it('gives connections racing for a new subject the one key stored first', async () => {
      const connections = [store, ...(await Promise.all(Array.from({ length: 5 }, connect)))];
      const subjects = Array.from({ length: 10 }, () => randomUUID());
      for (const s of subjects) {
        const keys = await Promise.all(connections.flatMap((c) => [c.keyFor('t1', s), c.keyFor('t1', s)]));
        for (const key of keys) sameKey(key, keys[0]!);
        sameKey((await store.find('t1', s)) as DataKey, keys[0]!);
      }
    });

    it('destroys the key: the subject reads as erased on every connection and no key is issued again', async () => {
      await store.keyFor('t1', subject);
      const other = await connect();
      await other.keyFor('t1', subject);
      await store.destroy('t1', subject, NOW);
      expect(await store.find('t1', subject)).toBe('erased');
      expect(await other.find('t1', subject)).toBe('erased');
      await expect(store.keyFor('t1', subject)).rejects.toBeInstanceOf(SubjectErased);
      await expect(other.keyFor('t1', subject)).rejects.toBeInstanceOf(SubjectErased);
      expect(await store.find('t1', subject)).toBe('erased');
    });

    it('erases one subject of one tenant only', async () => {
      const neighbour = randomUUID();
      const kept = await store.keyFor('t1', neighbour);
      const sameIdOtherTenant = await store.keyFor('t2', subject);
      await store.keyFor('t1', subject);
      await store.destroy('t1', subject, NOW);
      expect(await store.find('t1', subject)).toBe('erased');
      sameKey(await store.keyFor('t1', neighbour), kept);
      sameKey(await store.keyFor('t2', subject), sameIdOtherTenant);
    });

    it('destroys idempotently, and leaves a tombstone for a subject that never had a key', async () => {
      await store.keyFor('t1', subject);
      await store.destroy('t1', subject, NOW);
      await store.destroy('t1', subject, '2026-06-01T00:00:00.000Z');
      expect(await store.find('t1', subject)).toBe('erased');
      const never = randomUUID();
      await store.destroy('t1', never, NOW);
      expect(await store.find('t1', never)).toBe('erased');
      await expect(store.keyFor('t1', never)).rejects.toBeInstanceOf(SubjectErased);
    });

    it('ends a race of key requests and an erasure erased, with no key issued after it', async () => {
      const connections = await Promise.all(Array.from({ length: 4 }, connect));
      const settled = await Promise.allSettled([
        ...connections.map((c) => c.keyFor('t1', subject)),
        connections[0]!.destroy('t1', subject, NOW),
        ...connections.map((c) => c.keyFor('t1', subject)),
      ]);
      const keys = settled.flatMap((s) => (s.status === 'fulfilled' && s.value instanceof DataKey ? [s.value] : []));
      expect(new Set(keys.map((k) => k.id)).size).toBeLessThanOrEqual(1);
      for (const s of settled) if (s.status === 'rejected') expect(s.reason).toBeInstanceOf(SubjectErased);
      for (const c of connections) {
        expect(await c.find('t1', subject)).toBe('erased');
        await expect(c.keyFor('t1', subject)).rejects.toBeInstanceOf(SubjectErased);
      }
    });
  });
};
