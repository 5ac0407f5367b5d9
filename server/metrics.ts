// Prometheus metrics of one relay (prom-client, its own registry so tests can run several
// relays in one process). Hot-path counters are pre-bound children: no label lookup per frame.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** A counter (or bound child) that only counts up. */
export interface Count {
  inc(value?: number): void;
}

export interface RelayMetrics {
  readonly registry: Registry;
  readonly connections: Gauge;
  readonly rooms: Gauge;
  readonly messagesIn: Count;
  readonly messagesOut: Count;
  readonly bytesIn: Count;
  readonly bytesOut: Count;
  readonly applySeconds: Histogram;
  readonly storageWriteSeconds: Histogram;
  readonly roomLoadSeconds: Histogram;
  reject(reason: string): void;
}

const LATENCY_BUCKETS = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1, 0.5, 2];

export const createMetrics = (withDefaults = true): RelayMetrics => {
  const registry = new Registry();
  if (withDefaults) collectDefaultMetrics({ register: registry, prefix: 'relay_' });
  const registers = [registry];
  const messages = new Counter({ name: 'relay_messages_total', help: 'WebSocket messages', labelNames: ['direction'], registers });
  const bytes = new Counter({ name: 'relay_bytes_total', help: 'WebSocket payload bytes', labelNames: ['direction'], registers });
  const rejected = new Counter({
    name: 'relay_rejected_total',
    help: 'Frames and connections refused, by reason',
    labelNames: ['reason'],
    registers,
  });
  const rejectedByReason = new Map<string, Count>();
  return {
    registry,
    connections: new Gauge({ name: 'relay_connections', help: 'Open WebSocket connections', registers }),
    rooms: new Gauge({ name: 'relay_rooms', help: 'Rooms loaded in memory', registers }),
    messagesIn: messages.labels({ direction: 'in' }),
    messagesOut: messages.labels({ direction: 'out' }),
    bytesIn: bytes.labels({ direction: 'in' }),
    bytesOut: bytes.labels({ direction: 'out' }),
    applySeconds: new Histogram({
      name: 'relay_update_apply_seconds',
      help: 'Time to apply an incoming update to the room document',
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    storageWriteSeconds: new Histogram({
      name: 'relay_storage_write_seconds',
      help: 'Time until an update is durably stored',
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    roomLoadSeconds: new Histogram({
      name: 'relay_room_load_seconds',
      help: 'Time to load a room from storage',
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    reject(reason: string) {
      let child = rejectedByReason.get(reason);
      if (child === undefined) {
        child = rejected.labels({ reason });
        rejectedByReason.set(reason, child);
      }
      child.inc();
    },
  };
};
