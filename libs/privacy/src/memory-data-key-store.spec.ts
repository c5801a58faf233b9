import { testDataKeyStore } from './testing/data-key-store.contract';
import { MemoryDataKeyStore } from './testing/memory-data-key-store';

// the double the pure specs use keeps the port's promises too
testDataKeyStore('memory', async () => {
  const keys = new Map();
  return { connect: async () => new MemoryDataKeyStore(keys), dispose: async () => undefined };
});
