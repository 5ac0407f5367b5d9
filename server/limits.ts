// Per-connection and per-IP limits that keep one bad client from hurting others: a token bucket
// for messages per second, and counters of connections and distinct rooms per client IP.
//
//   const bucket = new TokenBucket(300, 600); if (!bucket.take(now)) close(...)
//   if (!ips.admit(ip, room)) reject(...); ...; ips.leave(ip, room)
import type { IncomingMessage } from 'node:http';

/** Allows `ratePerSecond` on average and bursts of up to `burst`. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(private readonly ratePerSecond: number, private readonly burst: number, now: number) {
    this.tokens = burst;
    this.last = now;
  }

  /** True when a token is left at time `now` (ms); takes none. */
  has(now: number): boolean {
    const elapsed = now - this.last;
    if (elapsed > 0) {
      this.tokens = Math.min(this.burst, this.tokens + (elapsed * this.ratePerSecond) / 1000);
      this.last = now;
    }
    return this.tokens >= 1;
  }

  /** Takes one token at time `now` (ms); false when the bucket is empty. */
  take(now: number): boolean {
    if (!this.has(now)) return false;
    this.tokens -= 1;
    return true;
  }
}

/**
 * Bad signatures one address may make the relay verify: a burst of 512 (about a second of one
 * core at ~2 ms a verification), then 32 a second. Honest clients send none of their own; one
 * carrying junk from elsewhere gets through it at this pace, as its verdicts are remembered.
 */
export const newBadSignatureBudget = (now = Date.now()): TokenBucket => new TokenBucket(32, 512, now);

export type AdmitResult = { ok: true } | { ok: false; reason: 'limit/connections-per-ip' | 'limit/rooms-per-ip' };

/** Connections and open rooms per client IP. */
export class IpLimits {
  private readonly byIp = new Map<string, { connections: number; rooms: Map<string, number> }>();

  constructor(private readonly connectionsPerIp: number, private readonly roomsPerIp: number) {}

  admit(ip: string, room: string): AdmitResult {
    let entry = this.byIp.get(ip);
    if (entry === undefined) {
      entry = { connections: 0, rooms: new Map() };
      this.byIp.set(ip, entry);
    }
    if (entry.connections >= this.connectionsPerIp) return { ok: false, reason: 'limit/connections-per-ip' };
    const inRoom = entry.rooms.get(room) ?? 0;
    if (inRoom === 0 && entry.rooms.size >= this.roomsPerIp) return { ok: false, reason: 'limit/rooms-per-ip' };
    entry.connections++;
    entry.rooms.set(room, inRoom + 1);
    return { ok: true };
  }

  leave(ip: string, room: string): void {
    const entry = this.byIp.get(ip);
    if (entry === undefined) return;
    entry.connections--;
    const inRoom = (entry.rooms.get(room) ?? 1) - 1;
    if (inRoom <= 0) entry.rooms.delete(room);
    else entry.rooms.set(room, inRoom);
    if (entry.connections <= 0) this.byIp.delete(ip);
  }
}

/** The client's IP: the socket's peer, or the last X-Forwarded-For hop when behind our proxy. */
export const clientIp = (req: IncomingMessage, trustProxy: boolean): string => {
  if (trustProxy) {
    const header = req.headers['x-forwarded-for'];
    const value = Array.isArray(header) ? header[header.length - 1] : header;
    const last = value?.split(',').pop()?.trim();
    if (last !== undefined && last !== '') return last;
  }
  return req.socket.remoteAddress ?? 'unknown';
};

/** Room names: the URL path after the first '/', printable ASCII without '?', '#' or backslash, 1-256 chars. */
export const ROOM_NAME = /^[\x21-\x7e]{1,256}$/;

export const isValidRoomName = (name: string): boolean => ROOM_NAME.test(name) && !/[?#\\]/.test(name);
