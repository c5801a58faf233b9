// Who is signed in, for this browser tab only (sessionStorage: gone when the tab closes, never
// sent anywhere but the API's Authorization header): an API key, or a token from the identity
// provider with the instant it expires.
const STORAGE_KEY = 'rolebook.session';

export const API_KEY_PATTERN = /^rbk_[0-9a-f]{24}_[A-Za-z0-9_-]{43}$/;

export interface Session {
  /** Sent as `Authorization: Bearer <credential>`. */
  credential: string;
  via: 'apiKey' | 'oidc';
  /** When the credential stops being accepted (ms since the epoch); null: not known ahead (a key, until revoked). */
  expiresAt: number | null;
}

export const storedSession = (): Session | null => {
  const raw = sessionStorage.getItem(STORAGE_KEY);
  if (!raw) return null;
  try {
    const session = JSON.parse(raw) as Session;
    return typeof session.credential === 'string' ? session : null;
  } catch {
    return null;
  }
};
export const storeSession = (session: Session): void => sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
export const forgetSession = (): void => sessionStorage.removeItem(STORAGE_KEY);
