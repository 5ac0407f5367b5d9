// Raw HTTP over a TCP socket, for requests no well-behaved client library would send: malformed
// WebSocket upgrades (a bad Sec-WebSocket-Key, `Upgrade: foo`).
import { connect } from 'node:net';

/** Sends `request` verbatim and resolves with the status code of the answer (0 if none). */
export const rawRequest = (port: number, request: string, localAddress?: string): Promise<number> =>
  new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', localAddress });
    let answer = '';
    socket.on('data', (d: Buffer) => (answer += d.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0)));
    socket.on('connect', () => socket.write(request));
  });

/** An upgrade request for `room` with the given header lines (defaults: a valid handshake). */
export const upgradeRequest = (room: string, headers: Record<string, string> = {}): string => {
  const all: Record<string, string> = {
    Host: 'relay',
    Connection: 'Upgrade',
    Upgrade: 'websocket',
    'Sec-WebSocket-Version': '13',
    'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
    ...headers,
  };
  const lines = Object.entries(all).map(([k, v]) => `${k}: ${v}`);
  return `GET /${room} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`;
};
