import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults to the embedded setup on port 3000', () =>
    expect(loadConfig({})).toMatchObject({ PORT: 3000, DATA_DIR: './data', DEFAULT_TENANT: 'default', DEMO_DATA: true }));
  it('reads PORT', () => expect(loadConfig({ PORT: '4123' }).PORT).toBe(4123));
  it('refuses a wrong setting and names it', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadConfig({ DEFAULT_TENANT: 'Not A Slug' })).toThrow(/DEFAULT_TENANT/);
    expect(() => loadConfig({ DEMO_DATA: 'yes' })).toThrow(/DEMO_DATA/);
  });
});
