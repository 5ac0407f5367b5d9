// Flags and environment variables of `npm run relay`, as an operator types them.
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../server/config.ts';

describe('config', () => {
  it('has sane defaults', () => {
    const c = parseConfig([], {}, '/srv/app');
    expect(c).toMatchObject({ port: 8080, host: '127.0.0.1', dataDir: '/srv/app/.vetrellis/relay-data', fsync: 'normal', token: null, redisUrl: null });
    expect(c.limits.roomsPerConnection).toBe(1);
  });

  it('takes env, and flags over env', () => {
    const c = parseConfig(['--port', '9000', '--data=/var/lib/relay', '--trust-proxy'], { PORT: '7000', HOST: '0.0.0.0', RELAY_TOKEN: 't', RELAY_ORIGINS: 'https://a, https://b' }, '/x');
    expect(c).toMatchObject({ port: 9000, host: '0.0.0.0', dataDir: '/var/lib/relay', token: 't', trustProxy: true, allowedOrigins: ['https://a', 'https://b'] });
  });

  it('refuses nonsense with a message that names the setting', () => {
    expect(() => parseConfig(['--port', 'abc'], {})).toThrow(/PORT must be an integer/);
    expect(() => parseConfig(['--bogus'], {})).toThrow(ConfigError);
    expect(() => parseConfig(['--data'], {})).toThrow(/--data needs a value/);
    expect(() => parseConfig([], { RELAY_FSYNC: 'sometimes' })).toThrow(/RELAY_FSYNC/);
  });

  it('compaction: a ratio of the compacted state (default 0.5), the old --compact-every still taken as its floor, and a WAL limit', () => {
    expect(parseConfig([], {})).toMatchObject({ compactRatio: 0.5, compactEvery: 500, walLimitBytes: 16 * 1024 * 1024 });
    expect(parseConfig(['--compact-ratio', '0.25', '--compact-every=50', '--wal-limit', '1048576'], {})).toMatchObject({ compactRatio: 0.25, compactEvery: 50, walLimitBytes: 1048576 });
    expect(parseConfig([], { RELAY_COMPACT_EVERY: '200', RELAY_COMPACT_RATIO: '0', RELAY_WAL_LIMIT: '65536' })).toMatchObject({ compactEvery: 200, compactRatio: 0, walLimitBytes: 65536 });
    expect(() => parseConfig(['--compact-ratio', 'half'], {})).toThrow(/RELAY_COMPACT_RATIO must be a number from 0 to 100, got "half"/);
    expect(() => parseConfig(['--compact-ratio', '-1'], {})).toThrow(ConfigError);
    expect(() => parseConfig(['--wal-limit', '100'], {})).toThrow(/RELAY_WAL_LIMIT must be an integer >= 65536/);
  });
});
