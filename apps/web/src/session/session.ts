// The signed-in API key, kept for this browser tab only (sessionStorage: gone when the tab
// closes, never sent anywhere but the API's Authorization header).
const STORAGE_KEY = 'rolebook.apiKey';

export const API_KEY_PATTERN = /^rbk_[0-9a-f]{24}_[A-Za-z0-9_-]{43}$/;

export const storedKey = (): string | null => sessionStorage.getItem(STORAGE_KEY);
export const storeKey = (key: string): void => sessionStorage.setItem(STORAGE_KEY, key);
export const forgetKey = (): void => sessionStorage.removeItem(STORAGE_KEY);
