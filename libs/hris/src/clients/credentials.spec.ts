import { ProviderApiNotConfigured } from './provider-api';
import { hasCredentials, requireCredentials } from './credentials';

const apiUrl = 'https://hris.example';

describe('provider credentials', () => {
  it.each([
    ['bamboohr', { apiToken: 't' }, true],
    ['hibob', { apiToken: 't' }, true],
    ['hibob', { clientId: 'c' }, false],
    ['personio', { clientId: 'c', clientSecret: 's' }, true],
    ['personio', { clientId: 'c' }, false],
    ['merge', { apiToken: 't', accountToken: 'a' }, true],
    // without the linked account's token every call is refused: not a syncable integration
    ['merge', { apiToken: 't' }, false],
    ['merge', { apiToken: '', accountToken: 'a' }, false],
  ] as const)('%s with %j: %s', (provider, credentials, expected) => {
    expect(hasCredentials(provider, { apiUrl, ...credentials })).toBe(expected);
  });

  it('requireCredentials answers the integration or throws ProviderApiNotConfigured', () => {
    const api = { apiUrl, apiToken: 't', accountToken: 'a' };
    expect(requireCredentials('merge', api)).toBe(api);
    expect(() => requireCredentials('personio', { apiUrl, clientSecret: 's' })).toThrow(ProviderApiNotConfigured);
  });
});
