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
});
