// Composes one relay: HTTP server (health, metrics, web app), WebSocket upgrades with access
// checks and per-IP limits, the rooms, and the store (SQLite, or Redis streams when scaled out).
//
//   const relay = await startRelay(parseConfig(argv, env)); ...; await relay.shutdown()
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { timingSafeEqual } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import type { RelayConfig } from './config.ts';
import { attachConnection } from './connection.ts';
import { RoomDrops } from './drops.ts';
import { createHttpHandler, type Health } from './http-routes.ts';
import { BoundedMemo } from '../src/sync/intent/bounded-memo.ts';
import { IpLimits, TokenBucket, clientIp, isValidRoomName, newBadSignatureBudget } from './limits.ts';
import { createLogger, roomTag, type Logger } from './log.ts';
import { createMetrics, type RelayMetrics } from './metrics.ts';
import { CLOSE } from './peer.ts';
import { RefusalLog } from './refusal-log.ts';
import { Rooms } from './rooms.ts';
import { openSqliteStore } from './sqlite-store.ts';
import { openRedisStore } from './redis-store.ts';
import { contentSecurityPolicy, createStaticSite } from './static-files.ts';
import type { RoomStore } from './storage.ts';

export interface Relay {
  readonly server: Server;
  readonly port: number;
  readonly metrics: RelayMetrics;
  readonly rooms: Rooms;
  health(): Health;
  /** Bytes queued to all connections and not yet taken by the network. */
  queuedBytes(): number;
  /** Stop accepting, flush storage, close sockets with a reason, close the store. */
  shutdown(): Promise<void>;
}

export interface RelayOptions {
  logger?: Logger;
  /** Process-wide default metrics (event loop, memory); off when several relays share a process. */
  defaultMetrics?: boolean;
  /** How often refused connections are summed up in one log line (ms). */
  refusalLogIntervalMs?: number;
}

const sameSecret = (given: string, expected: string): boolean => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

const refuse = (socket: Duplex, status: number, text: string): void => {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${text.length + 1}\r\n\r\n${text}\n`);
};

export const openStore = async (config: RelayConfig, log: Logger, metrics: RelayMetrics): Promise<RoomStore> => {
  const onCommit = (seconds: number): void => metrics.storageWriteSeconds.observe(seconds);
  return config.redisUrl !== null
    ? openRedisStore({ url: config.redisUrl, log, onCommit, retentionMs: config.redisRetentionMs })
    : openSqliteStore({ dir: config.dataDir, fsync: config.fsync, walLimitBytes: config.walLimitBytes, onCommit });
};

export const startRelay = async (config: RelayConfig, options: RelayOptions = {}): Promise<Relay> => {
  const log = options.logger ?? createLogger(config.logLevel);
  const sockets = new Set<WebSocket>();
  const queuedBytes = (): number => {
    let sum = 0;
    for (const ws of sockets) sum += ws.bufferedAmount;
    return sum;
  };
  const metrics = createMetrics(options.defaultMetrics ?? true, queuedBytes);
  const store = await openStore(config, log, metrics);
  const rooms = new Rooms(store, {
    idleMs: config.roomIdleMs,
    compactEvery: config.compactEvery,
    compactRatio: config.compactRatio,
    maxRooms: config.limits.maxRooms,
    maxLoadedPerAddress: config.limits.loadedRoomsPerIp,
    room: {
      stateChunkBytes: config.limits.stateChunkBytes,
      maxRoomBytes: config.limits.maxRoomBytes,
      maxWriterBytes: config.limits.maxWriterBytes,
      maxPendingBytes: config.limits.maxPendingBytes,
      bindClientIds: config.limits.bindClientIds,
      checkSignatures: config.limits.checkSignatures,
    },
  }, metrics, log);
  const ipLimits = new IpLimits(config.limits.connectionsPerIp, config.limits.roomsPerIp);
  // Kept after an address's connections close (reconnecting refills nothing); bounded.
  const badSignatures = new BoundedMemo<string, TokenBucket>(100_000);
  const badSignaturesOf = (ip: string): TokenBucket => {
    let bucket = badSignatures.get(ip);
    if (bucket === undefined) badSignatures.set(ip, (bucket = newBadSignatureBudget()));
    return bucket;
  };
  const refusals = new RefusalLog(log, options.refusalLogIntervalMs ?? 10_000);
  const refused = (reason: string): void => {
    metrics.reject(reason);
    refusals.note(reason);
  };
  const started = Date.now();
  let accepting = true;

  const health = (): Health => ({
    ok: accepting && store.healthy(),
    rooms: rooms.count,
    connections: sockets.size,
    uptime: Math.round((Date.now() - started) / 1000),
    storage: store.kind,
  });

  const site = createStaticSite(config.staticDir, contentSecurityPolicy(config.cspConnect));
  const drops = new RoomDrops(store, rooms, { graceMs: config.dropGraceMs, log });
  const server = createServer(createHttpHandler(health, metrics, site, (order, req) => {
    if (!accepting) return Promise.resolve({ status: 503, body: { error: 'relay shutting down' } });
    return drops.order(order, clientIp(req, config.trustProxy));
  }));
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.limits.maxFrameBytes, perMessageDeflate: false });

  const admit = (req: IncomingMessage): { room: string; ip: string } | { status: number; text: string; reason: string } => {
    if (!accepting) return { status: 503, text: 'Service Unavailable', reason: 'relay/shutting-down' };
    const url = new URL(req.url ?? '/', 'http://relay');
    const room = url.pathname.slice(1);
    if (!isValidRoomName(room)) return { status: 400, text: 'Bad Request', reason: 'access/bad-room' };
    if (config.token !== null && !sameSecret(url.searchParams.get('token') ?? '', config.token)) {
      return { status: 401, text: 'Unauthorized', reason: 'access/token' };
    }
    const origin = req.headers.origin;
    if (config.allowedOrigins.length > 0 && origin !== undefined && !config.allowedOrigins.includes(origin)) {
      return { status: 403, text: 'Forbidden', reason: 'access/origin' };
    }
    return { room, ip: clientIp(req, config.trustProxy) };
  };

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const verdict = admit(req);
    if (!('room' in verdict)) {
      refused(verdict.reason);
      return refuse(socket, verdict.status, verdict.text);
    }
    const { room, ip } = verdict;
    const admitted = ipLimits.admit(ip, room);
    if (!admitted.ok) {
      refused(admitted.reason);
      return refuse(socket, 429, 'Too Many Requests');
    }
    socket.on('error', () => {});
    // Every path ends with this socket closing: refused handshakes (ws answers 400 and ends it)
    // as well as upgraded connections, so the slot is given back exactly once, on every path.
    socket.once('close', () => ipLimits.leave(ip, room));
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      metrics.connections.set(sockets.size);
      const tag = roomTag(room);
      attachConnection(ws, socket, rooms.acquire(room, ip), config.limits, metrics, badSignaturesOf(ip), {
        closed: (loaded) => {
          sockets.delete(ws);
          metrics.connections.set(sockets.size);
          if (loaded !== null) rooms.released(loaded);
          log.debug({ room: tag }, 'connection closed');
        },
        rejected: refused,
      });
      log.debug({ room: tag }, 'connection opened');
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  log.info({ port, host: config.host, storage: store.kind }, 'relay listening');

  let shutdownPromise: Promise<void> | null = null;
  const shutdown = (): Promise<void> => {
    shutdownPromise ??= (async () => {
      accepting = false;
      server.close();
      await drops.stop();
      await rooms.flush();
      for (const ws of sockets) ws.close(CLOSE.serviceRestart, 'relay restarting, reconnect');
      await rooms.unloadAll();
      await store.close();
      for (const ws of sockets) ws.terminate();
      server.closeAllConnections();
      refusals.flush();
      log.info('relay stopped');
    })();
    return shutdownPromise;
  };

  return { server, port, metrics, rooms, health, queuedBytes, shutdown };
};
