import type { AccessStores } from '../access-stores';

export const TEST_KEY_SECRET = 'test-installation-secret-0123456789abcdef';

export interface AccessStoresFactory {
  /** A new connection to the one database under test, as another replica would open it. */
  open(keyHashingSecret?: string): Promise<AccessStores>;
  dispose(): Promise<void>;
}
