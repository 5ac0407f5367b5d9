// What one test file opens (relays, stock clients, raw sockets), closed after each test.
import { afterEach } from 'vitest';
import type { WebSocket } from 'ws';
import type { Relay } from '../../../server/relay.ts';
import type { Client } from './clients.ts';

export interface Opened {
  readonly relays: Relay[];
  readonly clients: Client[];
  readonly sockets: WebSocket[];
}

/** Registers an afterEach that terminates sockets, destroys clients and shuts relays down. */
export const closeAfterEach = (): Opened => {
  const opened: Opened = { relays: [], clients: [], sockets: [] };
  afterEach(async () => {
    for (const ws of opened.sockets.splice(0)) ws.terminate();
    for (const c of opened.clients.splice(0)) c.destroy();
    for (const r of opened.relays.splice(0)) await r.shutdown();
  });
  return opened;
};
