import { loadConfig } from './config';
import { resolveLogFormat } from './log-format';

describe('log format', () => {
  it.each([
    ['auto', true, 'pretty'],
    ['auto', false, 'json'],
    ['pretty', false, 'pretty'],
    ['pretty', true, 'pretty'],
    ['json', true, 'json'],
    ['json', false, 'json'],
  ] as const)('%s on %s terminal output is %s', (format, isTerminal, expected) => expect(resolveLogFormat(format, isTerminal)).toBe(expected));

  it('is auto unless LOG_FORMAT says otherwise, and refuses an unknown format, naming the setting', () => {
    expect(loadConfig({}).LOG_FORMAT).toBe('auto');
    expect(loadConfig({ LOG_FORMAT: 'json' }).LOG_FORMAT).toBe('json');
    expect(() => loadConfig({ LOG_FORMAT: 'yaml' })).toThrow(/LOG_FORMAT/);
  });
});

describe('shutdown and readiness settings', () => {
  it('default to a 10 s shutdown, a lag of at most 1000 events and 2 s per readiness check', () =>
    expect(loadConfig({})).toMatchObject({ SHUTDOWN_TIMEOUT_MS: 10_000, READY_MAX_PROJECTION_LAG: 1000, READY_CHECK_TIMEOUT_MS: 2000 }));
  it('refuse values out of range, naming them', () => {
    expect(() => loadConfig({ SHUTDOWN_TIMEOUT_MS: '0' })).toThrow(/SHUTDOWN_TIMEOUT_MS/);
    expect(() => loadConfig({ READY_MAX_PROJECTION_LAG: '-1' })).toThrow(/READY_MAX_PROJECTION_LAG/);
    expect(() => loadConfig({ READY_CHECK_TIMEOUT_MS: 'soon' })).toThrow(/READY_CHECK_TIMEOUT_MS/);
  });
});
