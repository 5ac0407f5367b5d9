// Structured logs (pino). Log lines carry ids, counts, codes and timings, never world content:
// room names are logged as a short hash, updates and awareness states are never logged.
import { createHash } from 'node:crypto';
import { pino, type Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;

export const createLogger = (level: string): Logger => pino({ level, base: { service: 'vetrellis-relay' } });

/** A short, stable, non-reversible tag for a room name. */
export const roomTag = (room: string): string => createHash('sha256').update(room).digest('hex').slice(0, 12);
