// Prometheus metrics of one relay (prom-client, its own registry so tests can run several
// relays in one process). Per-frame traffic is tallied in plain numbers and handed to
// prom-client only when /metrics is scraped, so the hot path pays an addition, not a lookup.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** A counter (or bound child) that only counts up. */
export interface Count {
  inc(value?: number): void;
}

/** Traffic counted on the hot path; exported as relay_messages_total and relay_bytes_total. */
export interface Traffic {
  messagesIn: number;
  messagesOut: number;
  bytesIn: number;
  bytesOut: number;
}

export interface RelayMetrics {
  readonly registry: Registry;
  readonly connections: Gauge;
  readonly rooms: Gauge;
  readonly traffic: Traffic;
  readonly applySeconds: Histogram;
  readonly storageWriteSeconds: Histogram;
  readonly roomLoadSeconds: Histogram;
  reject(reason: string): void;
}

const LATENCY_BUCKETS = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1, 0.5, 2];

/** `queuedBytes`: bytes queued to every connection, read when /metrics is scraped. */
export const createMetrics = (withDefaults = true, queuedBytes: () => number = () => 0): RelayMetrics => {
  const registry = new Registry();
  if (withDefaults) collectDefaultMetrics({ register: registry, prefix: 'relay_' });
  const registers = [registry];
  const traffic: Traffic = { messagesIn: 0, messagesOut: 0, bytesIn: 0, bytesOut: 0 };
  const exportPair = (counter: Counter<'direction'>, inbound: number, outbound: number): void => {
    counter.reset();
    counter.labels({ direction: 'in' }).inc(inbound);
    counter.labels({ direction: 'out' }).inc(outbound);
  };
  new Counter({
    name: 'relay_messages_total',
    help: 'WebSocket messages',
    labelNames: ['direction'],
    registers,
    collect() {
      exportPair(this, traffic.messagesIn, traffic.messagesOut);
    },
  });
  new Counter({
    name: 'relay_bytes_total',
    help: 'WebSocket payload bytes',
    labelNames: ['direction'],
    registers,
    collect() {
      exportPair(this, traffic.bytesIn, traffic.bytesOut);
    },
  });
  new Gauge({
    name: 'relay_send_queue_bytes',
    help: 'Bytes queued to connections and not yet taken by the network',
    registers,
    collect() {
      this.set(queuedBytes());
    },
  });
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
    traffic,
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
