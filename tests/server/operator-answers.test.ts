// What the operator's side of the relay shows under junk: /healthz and /metrics carry the same
// security headers as the app, and refused connections are summed up in the log, not one line each.
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import type { Relay } from '../../server/relay.ts';
import { closed, openRaw } from './helpers/clients.ts';
import { startTestRelay } from './helpers/relay.ts';

const relays: Relay[] = [];
afterEach(async () => {
  for (const r of relays.splice(0)) await r.shutdown();
});

describe('operator answers', () => {
  it('/healthz and /metrics carry the security headers every other answer carries', async () => {
    const r = await startTestRelay();
    relays.push(r);
    const app = await fetch(`http://127.0.0.1:${r.port}/`);
    for (const path of ['/healthz', '/metrics']) {
      const res = await fetch(`http://127.0.0.1:${r.port}${path}`);
      expect(res.status).toBe(200);
      for (const header of ['content-security-policy', 'x-content-type-options', 'referrer-policy', 'cross-origin-opener-policy']) {
        expect({ path, header, value: res.headers.get(header) }).toEqual({ path, header, value: app.headers.get(header) });
      }
    }
  });

  it('writes a bounded number of log lines for 1,000 refused connections, and counts them all', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    const r = await startTestRelay({}, { logger });
    relays.push(r);
    const url = `ws://127.0.0.1:${r.port}/junk`;
    for (let batch = 0; batch < 20; batch++) {
      const sockets: WebSocket[] = await Promise.all(Array.from({ length: 50 }, () => openRaw(url)));
      await Promise.all(sockets.map((ws) => {
        const done = closed(ws);
        ws.send('text is refused');
        return done;
      }));
    }
    await r.shutdown();
    expect(lines.length).toBeLessThanOrEqual(20);
    const counted = lines.reduce((sum, line) => sum + ((line.refused as Record<string, number> | undefined)?.['frame/text'] ?? 0), 0);
    expect(counted).toBe(1000);
  });
});
