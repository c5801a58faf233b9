import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults to the embedded setup on port 3000', () =>
    expect(loadConfig({})).toMatchObject({ PORT: 3000, DATA_DIR: './data', DEFAULT_TENANT: 'default', DEMO_DATA: true }));
  it('reads PORT', () => expect(loadConfig({ PORT: '4123' }).PORT).toBe(4123));
  it('syncs HRIS directories daily unless HRIS_SYNC_INTERVAL_MS says otherwise (0: never)', () => {
    expect(loadConfig({}).HRIS_SYNC_INTERVAL_MS).toBe(86_400_000);
    expect(loadConfig({ HRIS_SYNC_INTERVAL_MS: '0' }).HRIS_SYNC_INTERVAL_MS).toBe(0);
    expect(() => loadConfig({ HRIS_SYNC_INTERVAL_MS: '-1' })).toThrow(/HRIS_SYNC_INTERVAL_MS/);
    // past Node's longest timer a schedule would fire every millisecond
    expect(loadConfig({ HRIS_SYNC_INTERVAL_MS: '2147483647' }).HRIS_SYNC_INTERVAL_MS).toBe(2_147_483_647);
    expect(() => loadConfig({ HRIS_SYNC_INTERVAL_MS: '2592000000' })).toThrow(/HRIS_SYNC_INTERVAL_MS/);
    expect(() => loadConfig({ DRIFT_SCHEDULE_MS: '2592000000' })).toThrow(/DRIFT_SCHEDULE_MS/);
  });
  it('refuses a wrong setting and names it', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadConfig({ DEFAULT_TENANT: 'Not A Slug' })).toThrow(/DEFAULT_TENANT/);
    expect(() => loadConfig({ DEMO_DATA: 'yes' })).toThrow(/DEMO_DATA/);
  });

  describe('the event store switch', () => {
    it('defaults to the embedded SQLite store', () => expect(loadConfig({}).EVENT_STORE).toBe('sqlite'));
    it('takes KurrentDB with a connection string', () =>
      expect(loadConfig({ EVENT_STORE: 'kurrentdb', KURRENTDB_CONNECTION_STRING: 'kurrentdb+discover://a:2113,b:2113' })).toMatchObject({
        EVENT_STORE: 'kurrentdb',
        KURRENTDB_CONNECTION_STRING: 'kurrentdb+discover://a:2113,b:2113',
      }));
    it('refuses KurrentDB without a connection string', () =>
      expect(() => loadConfig({ EVENT_STORE: 'kurrentdb' })).toThrow(/KURRENTDB_CONNECTION_STRING: is required/));
    it('refuses a connection string the client would not take', () =>
      expect(() => loadConfig({ EVENT_STORE: 'kurrentdb', KURRENTDB_CONNECTION_STRING: 'esdb://x:2113' })).toThrow(
        /KURRENTDB_CONNECTION_STRING: must start with/,
      ));
    it('refuses a connection string while the store is SQLite, instead of ignoring it', () =>
      expect(() => loadConfig({ KURRENTDB_CONNECTION_STRING: 'kurrentdb://x:2113' })).toThrow(/EVENT_STORE: is sqlite/));
    it('refuses an unknown store', () => expect(() => loadConfig({ EVENT_STORE: 'postgres' })).toThrow(/EVENT_STORE/));
    it('never echoes the connection string, which may hold credentials', () =>
      expect(() => loadConfig({ EVENT_STORE: 'kurrentdb', KURRENTDB_CONNECTION_STRING: 'http://admin:s3cret@x' })).toThrow(
        expect.objectContaining({ message: expect.not.stringContaining('s3cret') }),
      ));
  });

  describe('production hygiene', () => {
    it('turns GraphiQL off in production unless asked for, on elsewhere', () => {
      expect(loadConfig({ NODE_ENV: 'production' }).GRAPHIQL).toBe(false);
      expect(loadConfig({ NODE_ENV: 'production', GRAPHIQL: 'true' }).GRAPHIQL).toBe(true);
      expect(loadConfig({}).GRAPHIQL).toBe(true);
    });
    it('refuses short metrics tokens and cursor secrets, and an unknown NODE_ENV', () => {
      expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN: must be at least 32 characters/);
      expect(() => loadConfig({ CURSOR_SECRET: 'short' })).toThrow(/CURSOR_SECRET: must be at least 32 characters/);
      expect(() => loadConfig({ NODE_ENV: 'prod' })).toThrow(/NODE_ENV/);
    });
    it('never echoes a metrics token', () =>
      expect(() => loadConfig({ METRICS_TOKEN: 'tok3n' })).toThrow(expect.objectContaining({ message: expect.not.stringContaining('tok3n') })));
  });
  describe('access', () => {
    it('refuses AUTH=off in production, and takes it elsewhere', () => {
      expect(() => loadConfig({ AUTH: 'off', NODE_ENV: 'production' })).toThrow(/AUTH: cannot be off when NODE_ENV=production/);
      expect(loadConfig({ AUTH: 'off' }).AUTH).toBe('off');
      expect(loadConfig({}).AUTH).toBe('on');
    });
    it('requires the API key secret with a shared database, and a long one', () => {
      expect(() => loadConfig({ DATABASE_URL: 'postgres://db/rolebook' })).toThrow(/INSTALLATION_SECRET: is required with DATABASE_URL/);
      expect(() => loadConfig({ INSTALLATION_SECRET: 'short' })).toThrow(/INSTALLATION_SECRET: must be at least 32 characters/);
      expect(loadConfig({ DATABASE_URL: 'postgres://db/rolebook', INSTALLATION_SECRET: 'x'.repeat(32) }).DATABASE_URL).toBe('postgres://db/rolebook');
    });
    it('takes an identity provider whole or not at all', () => {
      expect(() => loadConfig({ OIDC_ISSUER: 'https://idp.example/' })).toThrow(/OIDC_JWKS_URL, OIDC_ISSUER and OIDC_AUDIENCE go together/);
      const oidc = loadConfig({ OIDC_JWKS_URL: 'https://idp.example/jwks', OIDC_ISSUER: 'https://idp.example/', OIDC_AUDIENCE: 'rolebook, rb-dash' });
      expect(oidc.OIDC_AUDIENCE).toEqual(['rolebook', 'rb-dash']);
      expect(() => loadConfig({ OIDC_ROLE_MAP: '{"hr-admins":"root"}' })).toThrow(/OIDC_ROLE_MAP/);
    });
    it("takes the dashboard's sign-in at the identity provider whole, over https (http on loopback), and only with tokens accepted", () => {
      const idp = { OIDC_JWKS_URL: 'https://idp.example/jwks', OIDC_ISSUER: 'https://idp.example/', OIDC_AUDIENCE: 'rolebook' };
      const web = { OIDC_WEB_CLIENT_ID: 'dashboard', OIDC_AUTHORIZATION_URL: 'https://idp.example/authorize', OIDC_TOKEN_URL: 'https://idp.example/token' };
      expect(loadConfig({ ...idp, ...web })).toMatchObject({ ...web, OIDC_WEB_SCOPES: 'openid' });
      expect(() => loadConfig({ ...idp, OIDC_WEB_CLIENT_ID: 'dashboard' })).toThrow(
        /OIDC_WEB_CLIENT_ID, OIDC_AUTHORIZATION_URL and OIDC_TOKEN_URL go together/,
      );
      expect(() => loadConfig(web)).toThrow(/OIDC_WEB_CLIENT_ID: needs OIDC_JWKS_URL/);
      expect(() => loadConfig({ ...idp, ...web, OIDC_TOKEN_URL: 'http://idp.example/token' })).toThrow(/OIDC_TOKEN_URL: must use https/);
      expect(loadConfig({ ...idp, ...web, OIDC_TOKEN_URL: 'http://127.0.0.1:8080/token' }).OIDC_TOKEN_URL).toBe('http://127.0.0.1:8080/token');
    });
  });

  describe('rate limits', () => {
    it('default to per-minute limits and no trusted proxy', () =>
      expect(loadConfig({})).toMatchObject({
        RATE_LIMIT_PER_PRINCIPAL: 600,
        RATE_LIMIT_PER_IP: 1200,
        RATE_LIMIT_WEBHOOKS_PER_IP: 600,
        RATE_LIMIT_WINDOW_S: 60,
        TRUST_PROXY: false,
      }));
    it('refuse a limit that is not a positive whole number', () => {
      expect(() => loadConfig({ RATE_LIMIT_PER_PRINCIPAL: '0' })).toThrow(/RATE_LIMIT_PER_PRINCIPAL/);
      expect(() => loadConfig({ RATE_LIMIT_PER_IP: 'many' })).toThrow(/RATE_LIMIT_PER_IP/);
    });
    it('pace graphql-ws messages at 100 a second per connection by default, and refuse a pace that is not a positive whole number', () => {
      expect(loadConfig({}).WS_MAX_MESSAGES_PER_SECOND).toBe(100);
      expect(loadConfig({ WS_MAX_MESSAGES_PER_SECOND: '20' }).WS_MAX_MESSAGES_PER_SECOND).toBe(20);
      expect(() => loadConfig({ WS_MAX_MESSAGES_PER_SECOND: '0' })).toThrow(/WS_MAX_MESSAGES_PER_SECOND/);
      expect(() => loadConfig({ WS_MAX_MESSAGES_PER_SECOND: '2.5' })).toThrow(/WS_MAX_MESSAGES_PER_SECOND/);
      expect(() => loadConfig({ WS_MAX_MESSAGES_PER_SECOND: '10001' })).toThrow(/WS_MAX_MESSAGES_PER_SECOND/);
    });
    it('take a trusted proxy as hops or addresses, never as "trust any"', () => {
      expect(loadConfig({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
      expect(loadConfig({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
      expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).TRUST_PROXY).toEqual(['loopback', '10.0.0.0/8']);
      expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
      expect(() => loadConfig({ TRUST_PROXY: 'proxy.example' })).toThrow(/TRUST_PROXY/);
    });
  });
  describe('HRIS integrations', () => {
    const integrations = (value: object) => loadConfig({ HRIS_INTEGRATIONS: JSON.stringify({ acme: value }) }).HRIS_INTEGRATIONS;
    const refusal = (value: object) => {
      try {
        integrations(value);
      } catch (error) {
        if (error instanceof ConfigError) return error.message;
        throw error;
      }
      throw new Error('accepted');
    };

    it('takes what each provider needs', () =>
      expect(
        integrations({
          standard: { secrets: ['whsec_0123456789'] },
          bamboohr: { secrets: ['bamboo-key'], apiUrl: 'https://api.bamboohr.com/api/gateway.php/acme', apiToken: 'k' },
          hibob: { secrets: ['hibob-secret'], apiToken: 'aWQ6dG9rZW4=' },
          personio: { secrets: ['personio-token'], clientId: 'papi-id', clientSecret: 'papi-secret' },
          merge: { secrets: ['merge-key-1'], apiToken: 'merge-api-key', accountToken: 'merge-account' },
        }).acme?.personio,
      ).toEqual({ secrets: ['personio-token'], clientId: 'papi-id', clientSecret: 'papi-secret' }));

    it('refuses a provider without the credentials its deliveries need, naming what is missing', () => {
      expect(refusal({ personio: { secrets: ['personio-token'] } })).toMatch(/HRIS_INTEGRATIONS.acme.personio: personio needs clientId and clientSecret/);
      expect(refusal({ hibob: { secrets: ['hibob-secret'] } })).toMatch(/hibob needs apiToken/);
      expect(refusal({ merge: { secrets: ['merge-key-1'], apiToken: 'k' } })).toMatch(/merge: apiToken and accountToken go together/);
      expect(refusal({ bamboohr: { secrets: ['bamboo-key'], apiToken: 'k' } })).toMatch(/bamboohr: apiUrl and apiToken go together/);
    });

    it('refuses a credential the provider does not take, or a misspelt one, and never echoes a secret', () => {
      expect(refusal({ standard: { secrets: ['whsec_0123456789'], apiToken: 'super-secret-token' } })).toMatch(/standard takes no apiToken/);
      const misspelt = refusal({ personio: { secrets: ['personio-token'], clientId: 'id', clientSecret: 's', clientSecert: 'super-secret-token' } });
      expect(misspelt).toMatch(/clientSecert/);
      expect(misspelt).not.toContain('super-secret-token');
    });
  });
});
