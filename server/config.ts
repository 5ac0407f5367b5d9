// Relay configuration: command-line flags and environment variables turned into one typed,
// validated object with sane defaults. Flags win over environment variables.
import { resolve } from 'node:path';

export interface Limits {
  /** Largest WebSocket frame accepted; a larger one closes the connection (1009). */
  maxFrameBytes: number;
  /** Sustained messages per second per connection (token bucket); burst is twice this. */
  messagesPerSecond: number;
  /** Open connections per client IP. */
  connectionsPerIp: number;
  /** Rooms per connection. The y-websocket protocol binds a connection to its URL's room: 1. */
  roomsPerConnection: 1;
  /** Distinct rooms one client IP may hold open at once. */
  roomsPerIp: number;
  /** Rooms held in memory at once; beyond it idle rooms are unloaded, and without any a new room gets 1013. */
  maxRooms: number;
  /** Rooms one client IP may have made the relay load and keep in memory, idle ones included. */
  loadedRoomsPerIp: number;
  /** Bytes queued to a slow client before it is disconnected (counted before a frame is queued). */
  maxBufferedBytes: number;
  /** Chunk size of replies to sync step 1; a reply waits while its client has this much queued. */
  stateChunkBytes: number;
  /** Bytes stored for one room (compacted state plus updates since); writes beyond are refused (4413). */
  maxRoomBytes: number;
  /** Bytes one connection may add to its room (4413 beyond). */
  maxWriterBytes: number;
  /** Bytes a room holds waiting for missing dependencies; beyond it they are dropped (4413). */
  maxPendingBytes: number;
  /** Refuse writes under a Yjs client id that another connection started (4403). */
  bindClientIds: boolean;
  /** Verify the Ed25519 signature of each new intent-log entry (about 1-2.5 ms each; junk is dropped either way when its id or world is wrong). */
  checkSignatures: boolean;
}

export interface RelayConfig {
  port: number;
  host: string;
  /** Directory of the embedded SQLite store (ignored when redisUrl is set). */
  dataDir: string;
  /** `normal`: survives SIGKILL of the relay; `full`: also survives power loss (fsync per write). */
  fsync: 'normal' | 'full';
  /** Directory of the built web app; missing is fine (the relay says so on `/`). */
  staticDir: string;
  /** When set, every connection must carry `?token=` with this value. */
  token: string | null;
  /** Browser origins allowed to connect; empty = any. Connections without Origin are allowed. */
  allowedOrigins: string[];
  /** Use the last X-Forwarded-For address as the client IP (only behind your own proxy). */
  trustProxy: boolean;
  /** Redis URL: switches on scale-out (shared room logs in Redis streams). */
  redisUrl: string | null;
  /** Stream entries younger than this survive compaction (relays a little behind still read them). */
  redisRetentionMs: number;
  /** Extra sources for the CSP connect-src (space separated). */
  cspConnect: string;
  limits: Limits;
  /** How long an empty room stays in memory before it is unloaded. */
  roomIdleMs: number;
  /**
   * Fewest writes between two compactions of a room (the floor: a small room is compacted at most
   * every N writes). With `compactRatio` 0, a room is compacted exactly every N writes.
   */
  compactEvery: number;
  /**
   * A room is compacted once the bytes written since its last compaction reach this multiple of
   * its compacted state (and at least `compactEvery` writes): each compaction then rewrites a
   * state that the writes since have paid for in proportion, so its cost per written byte stays
   * 1/ratio however long the history. 0: every `compactEvery` writes, whatever the size.
   */
  compactRatio: number;
  /**
   * The SQLite WAL file is truncated back to empty once it grows past this, at a moment without
   * commits when there is one (and regardless once it is twice this); SQLite's journal_size_limit.
   */
  walLimitBytes: number;
  /** How long rooms an owner's drop order names are kept before they are deleted (drops.ts). */
  dropGraceMs: number;
  logLevel: string;
}

export const DEFAULT_CSP_CONNECT =
  "ws: wss: https://huggingface.co https://*.huggingface.co https://*.hf.co https://raw.githubusercontent.com";

export const DEFAULT_LIMITS: Limits = {
  maxFrameBytes: 8 * 1024 * 1024,
  messagesPerSecond: 300,
  connectionsPerIp: 64,
  roomsPerConnection: 1,
  roomsPerIp: 256,
  maxRooms: 10_000,
  loadedRoomsPerIp: 256,
  maxBufferedBytes: 32 * 1024 * 1024,
  stateChunkBytes: 256 * 1024,
  maxRoomBytes: 32 * 1024 * 1024,
  maxWriterBytes: 16 * 1024 * 1024,
  maxPendingBytes: 1024 * 1024,
  bindClientIds: false,
  checkSignatures: true,
};

export const HELP = `vetrellis relay: y-websocket compatible, durable sync relay (also serves dist/)

usage: npm run relay -- [flags]

  --port N              listen port                         (env PORT, default 8080)
  --host H              listen address                      (env HOST, default 127.0.0.1)
  --data DIR            SQLite store directory              (env RELAY_DATA, default ./.vetrellis/relay-data)
  --fsync normal|full   full = fsync every write            (env RELAY_FSYNC, default normal)
  --static DIR          built web app                       (env RELAY_STATIC, default ./dist)
  --redis URL           scale out through Redis streams     (env REDIS_URL)
  --redis-retention-ms N keep stream entries this long       (env RELAY_REDIS_RETENTION_MS, default 30000)
  --token T             require ?token=T                    (env RELAY_TOKEN)
  --origins A,B         allowed browser origins             (env RELAY_ORIGINS)
  --trust-proxy         client IP from X-Forwarded-For      (env RELAY_TRUST_PROXY=1)
  --max-frame BYTES     largest frame                       (env RELAY_MAX_FRAME, default 8388608)
  --max-rate N          messages/s per connection           (env RELAY_MAX_RATE, default 300)
  --max-conns-per-ip N  connections per IP                  (env RELAY_MAX_CONNS_PER_IP, default 64)
  --max-rooms-per-ip N  distinct open rooms per IP          (env RELAY_MAX_ROOMS_PER_IP, default 256)
  --max-rooms N         rooms in memory                     (env RELAY_MAX_ROOMS, default 10000)
  --max-loaded-rooms-per-ip N  rooms one IP keeps loaded    (env RELAY_MAX_LOADED_ROOMS_PER_IP, default 256)
  --max-send-buffer BYTES  queued bytes per connection      (env RELAY_MAX_SEND_BUFFER, default 33554432)
  --state-chunk BYTES   chunk of a reply to sync step 1     (env RELAY_STATE_CHUNK, default 262144)
  --max-room-bytes BYTES  stored bytes per room            (env RELAY_MAX_ROOM_BYTES, default 33554432)
  --max-writer-bytes BYTES  bytes one connection may add   (env RELAY_MAX_WRITER_BYTES, default 16777216)
  --max-pending-bytes BYTES  waiting for missing data, per room (env RELAY_MAX_PENDING_BYTES, default 1048576)
  --bind-client-ids     a Yjs client id is its first connection's (env RELAY_BIND_CLIENT_IDS=1; needs clients that take a fresh id per connection)
  --skip-signature-checks  store intents without verifying their signatures (env RELAY_SKIP_SIGNATURE_CHECKS=1; replicas still do)
  --room-idle-ms N      unload empty rooms after N ms       (env RELAY_ROOM_IDLE_MS, default 10000)
  --compact-ratio R     compact a room once the bytes written since reach R x its compacted state
                                                            (env RELAY_COMPACT_RATIO, default 0.5; 0 = every N writes)
  --compact-every N     at least N writes between compactions (env RELAY_COMPACT_EVERY, default 500)
  --wal-limit BYTES     truncate the SQLite WAL past this    (env RELAY_WAL_LIMIT, default 16777216)
  --drop-grace-ms N     keep rooms an owner retired this long before deleting them
                                                            (env RELAY_DROP_GRACE_MS, default 2592000000: 30 days)
  --csp-connect SRCS    CSP connect-src sources besides 'self' (env RELAY_CSP_CONNECT)
  --log-level L         pino level                          (env LOG_LEVEL, default info)
  --help                this text
`;

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

const FLAG_TO_ENV: Record<string, string> = {
  port: 'PORT', host: 'HOST', data: 'RELAY_DATA', fsync: 'RELAY_FSYNC', static: 'RELAY_STATIC',
  redis: 'REDIS_URL', token: 'RELAY_TOKEN', origins: 'RELAY_ORIGINS', 'trust-proxy': 'RELAY_TRUST_PROXY',
  'max-frame': 'RELAY_MAX_FRAME', 'max-rate': 'RELAY_MAX_RATE', 'max-conns-per-ip': 'RELAY_MAX_CONNS_PER_IP',
  'max-rooms-per-ip': 'RELAY_MAX_ROOMS_PER_IP', 'max-rooms': 'RELAY_MAX_ROOMS',
  'max-loaded-rooms-per-ip': 'RELAY_MAX_LOADED_ROOMS_PER_IP',
  'max-send-buffer': 'RELAY_MAX_SEND_BUFFER', 'state-chunk': 'RELAY_STATE_CHUNK',
  'max-room-bytes': 'RELAY_MAX_ROOM_BYTES', 'max-writer-bytes': 'RELAY_MAX_WRITER_BYTES',
  'max-pending-bytes': 'RELAY_MAX_PENDING_BYTES', 'bind-client-ids': 'RELAY_BIND_CLIENT_IDS',
  'skip-signature-checks': 'RELAY_SKIP_SIGNATURE_CHECKS',
  'room-idle-ms': 'RELAY_ROOM_IDLE_MS', 'compact-every': 'RELAY_COMPACT_EVERY',
  'compact-ratio': 'RELAY_COMPACT_RATIO', 'wal-limit': 'RELAY_WAL_LIMIT',
  'csp-connect': 'RELAY_CSP_CONNECT', 'log-level': 'LOG_LEVEL', 'redis-retention-ms': 'RELAY_REDIS_RETENTION_MS',
  'drop-grace-ms': 'RELAY_DROP_GRACE_MS',
};
const BOOLEAN_FLAGS = new Set(['trust-proxy', 'bind-client-ids', 'skip-signature-checks']);

/** Merges argv flags over env into a flat name -> value map keyed by env variable names. */
const collect = (argv: readonly string[], env: Env): Env => {
  const out: Env = { ...env };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) throw new ConfigError(`unexpected argument: ${arg}`);
    const [flag = '', inline] = arg.slice(2).split(/=(.*)/s, 2);
    const key = FLAG_TO_ENV[flag];
    if (key === undefined) throw new ConfigError(`unknown flag --${flag} (see --help)`);
    if (BOOLEAN_FLAGS.has(flag)) { out[key] = inline ?? '1'; continue; }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new ConfigError(`--${flag} needs a value`);
    out[key] = value;
  }
  return out;
};

const integer = (v: Env, key: string, fallback: number, min: number): number => {
  const raw = v[key];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new ConfigError(`${key} must be an integer >= ${min}, got "${raw}"`);
  return n;
};

const ratio = (v: Env, key: string, fallback: number, max: number): number => {
  const raw = v[key];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0 || n > max) throw new ConfigError(`${key} must be a number from 0 to ${max}, got "${raw}"`);
  return n;
};

const nonEmpty = (s: string | undefined): string | null => (s === undefined || s === '' ? null : s);

export const parseConfig = (argv: readonly string[], env: Env, cwd: string = process.cwd()): RelayConfig => {
  const v = collect(argv, env);
  const fsync = v.RELAY_FSYNC ?? 'normal';
  if (fsync !== 'normal' && fsync !== 'full') throw new ConfigError(`RELAY_FSYNC must be normal or full, got "${fsync}"`);
  return {
    port: integer(v, 'PORT', 8080, 0),
    host: v.HOST ?? '127.0.0.1',
    dataDir: resolve(cwd, v.RELAY_DATA ?? '.vetrellis/relay-data'),
    fsync,
    staticDir: resolve(cwd, v.RELAY_STATIC ?? 'dist'),
    token: nonEmpty(v.RELAY_TOKEN),
    allowedOrigins: (v.RELAY_ORIGINS ?? '').split(',').map((s) => s.trim()).filter((s) => s !== ''),
    trustProxy: v.RELAY_TRUST_PROXY === '1' || v.RELAY_TRUST_PROXY === 'true',
    redisUrl: nonEmpty(v.REDIS_URL),
    redisRetentionMs: integer(v, 'RELAY_REDIS_RETENTION_MS', 30_000, 0),
    cspConnect: v.RELAY_CSP_CONNECT ?? DEFAULT_CSP_CONNECT,
    limits: {
      maxFrameBytes: integer(v, 'RELAY_MAX_FRAME', DEFAULT_LIMITS.maxFrameBytes, 64),
      messagesPerSecond: integer(v, 'RELAY_MAX_RATE', DEFAULT_LIMITS.messagesPerSecond, 1),
      connectionsPerIp: integer(v, 'RELAY_MAX_CONNS_PER_IP', DEFAULT_LIMITS.connectionsPerIp, 1),
      roomsPerConnection: 1,
      roomsPerIp: integer(v, 'RELAY_MAX_ROOMS_PER_IP', DEFAULT_LIMITS.roomsPerIp, 1),
      maxRooms: integer(v, 'RELAY_MAX_ROOMS', DEFAULT_LIMITS.maxRooms, 1),
      loadedRoomsPerIp: integer(v, 'RELAY_MAX_LOADED_ROOMS_PER_IP', DEFAULT_LIMITS.loadedRoomsPerIp, 1),
      maxBufferedBytes: integer(v, 'RELAY_MAX_SEND_BUFFER', DEFAULT_LIMITS.maxBufferedBytes, 1024),
      stateChunkBytes: integer(v, 'RELAY_STATE_CHUNK', DEFAULT_LIMITS.stateChunkBytes, 64),
      maxRoomBytes: integer(v, 'RELAY_MAX_ROOM_BYTES', DEFAULT_LIMITS.maxRoomBytes, 1024),
      maxWriterBytes: integer(v, 'RELAY_MAX_WRITER_BYTES', DEFAULT_LIMITS.maxWriterBytes, 1024),
      maxPendingBytes: integer(v, 'RELAY_MAX_PENDING_BYTES', DEFAULT_LIMITS.maxPendingBytes, 0),
      bindClientIds: v.RELAY_BIND_CLIENT_IDS === '1' || v.RELAY_BIND_CLIENT_IDS === 'true',
      checkSignatures: !(v.RELAY_SKIP_SIGNATURE_CHECKS === '1' || v.RELAY_SKIP_SIGNATURE_CHECKS === 'true'),
    },
    roomIdleMs: integer(v, 'RELAY_ROOM_IDLE_MS', 10_000, 0),
    compactEvery: integer(v, 'RELAY_COMPACT_EVERY', 500, 1),
    compactRatio: ratio(v, 'RELAY_COMPACT_RATIO', 0.5, 100),
    walLimitBytes: integer(v, 'RELAY_WAL_LIMIT', 16 * 1024 * 1024, 64 * 1024),
    dropGraceMs: integer(v, 'RELAY_DROP_GRACE_MS', 30 * 24 * 3_600_000, 0),
    logLevel: v.LOG_LEVEL ?? 'info',
  };
};

/** True when argv asks for the usage text. */
export const wantsHelp = (argv: readonly string[]): boolean => argv.includes('--help') || argv.includes('-h');
