/**
 * A relay in memory, for tests: rooms of Y.Docs that documents link to through the same
 * RelayLink interface a world uses, speaking y-protocols' sync and awareness messages (the real
 * encoding, the same paths as y-websocket), with every message queued in its direction of its
 * link so a test decides when each is delivered: at once, all of them, one at a time in any
 * order across links, or never (a disconnect drops what is in flight, as a closed socket does).
 * Awareness (presence) is delivered as it is sent while a link is connected: it never decides
 * state, and its timers (throttle, renewal) run on the machine's clock, so queueing it would make
 * a seeded schedule depend on timing.
 *
 *   const relay = new MemoryRelay();                    // delivers at once while `manual` is false
 *   const world = await SharedWorld.open({ ..., relay: relay.connect });
 *   relay.manual = true;                                // from here the test moves every message
 *   relay.deliverOne(rnd.int);  relay.flush();          // one message of a random link, or all
 *   relay.disconnect(link);  relay.reachable = false;  relay.reconnect(link);
 *
 * As the project's relay: a client's step 1 is answered with step 2, updates are applied to the
 * room and sent to the room's other links (not echoed), awareness is applied and sent to every
 * link, and a link's awareness states are removed when it disconnects. The client side confirms
 * writes with the step 1 query of write-confirmations.ts, sent as each write is tracked and after
 * each resync.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import { messageYjsSyncStep1, messageYjsSyncStep2, messageYjsUpdate, readSyncMessage, writeSyncStep1, writeUpdate } from 'y-protocols/sync';
import * as Y from 'yjs';
import { FirstSync } from './first-sync.ts';
import { verifyBytes } from '../intent/identity.ts';
import { readDropOrder } from './drop-order.ts';
import type { DropReply, RelayConnector, RelayLink } from './relay-link.ts';
import { MESSAGE_AWARENESS, MESSAGE_SYNC, WriteConfirmations } from './write-confirmations.ts';

type Direction = 'toRelay' | 'toClient';

function syncMessage(write: (enc: encoding.Encoder) => void): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MESSAGE_SYNC);
  write(enc);
  return encoding.toUint8Array(enc);
}

function awarenessMessage(update: Uint8Array): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(enc, update);
  return encoding.toUint8Array(enc);
}

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] };

/** One room as the relay holds it: its document, its awareness, and the links connected to it. */
class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new Awareness(this.doc);
  readonly peers = new Set<MemoryLink>();

  constructor() {
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      const msg = syncMessage((enc) => writeUpdate(enc, update));
      for (const p of this.peers) if (p !== origin) p.fromRelay(msg);
    });
    this.awareness.on('update', ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
      if (origin instanceof MemoryLink) {
        for (const id of [...added, ...updated]) origin.controlled.add(id);
        for (const id of removed) origin.controlled.delete(id);
      }
      const msg = awarenessMessage(encodeAwarenessUpdate(this.awareness, [...added, ...updated, ...removed]));
      for (const p of this.peers) p.presenceFromRelay(msg);
    });
  }

  /** A message from `peer`, handled as the relay handles it. */
  receive(peer: MemoryLink, msg: Uint8Array): void {
    const decoder = decoding.createDecoder(msg);
    const kind = decoding.readVarUint(decoder);
    if (kind === MESSAGE_SYNC) {
      const reply = encoding.createEncoder();
      encoding.writeVarUint(reply, MESSAGE_SYNC);
      readSyncMessage(decoder, reply, this.doc, peer);
      if (encoding.length(reply) > 1) peer.fromRelay(encoding.toUint8Array(reply));
    } else if (kind === MESSAGE_AWARENESS) {
      applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), peer);
    }
  }

  join(peer: MemoryLink): void {
    this.peers.add(peer);
    peer.fromRelay(syncMessage((enc) => writeSyncStep1(enc, this.doc)));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) peer.presenceFromRelay(awarenessMessage(encodeAwarenessUpdate(this.awareness, states)));
  }

  leave(peer: MemoryLink): void {
    this.peers.delete(peer);
    removeAwarenessStates(this.awareness, [...peer.controlled], null);
    peer.controlled.clear();
  }
}

/** One document's link to a room of the memory relay (the client side, and its two queues). */
export class MemoryLink implements RelayLink {
  readonly awareness: Awareness;
  /** Awareness client ids this link controls, as the relay counts them. */
  readonly controlled = new Set<number>();
  readonly queues: Record<Direction, Uint8Array[]> = { toRelay: [], toClient: [] };
  readonly #relay: MemoryRelay;
  readonly #room: Room;
  readonly #doc: Y.Doc;
  readonly #writes: WriteConfirmations;
  readonly #first = new FirstSync();
  #connected = false;
  #syncedNow = false;
  #destroyed = false;
  #gone = false;
  readonly #statusListeners = new Set<() => void>();

  constructor(relay: MemoryRelay, room: Room, doc: Y.Doc, readonly name: string) {
    this.#relay = relay;
    this.#room = room;
    this.#doc = doc;
    this.#writes = new WriteConfirmations(doc);
    this.#writes.onPending(() => this.#statusChanged());
    this.awareness = new Awareness(doc);
    doc.on('update', this.#onUpdate);
    this.awareness.on('update', this.#onAwareness);
  }

  get pending(): number {
    return this.#writes.pending;
  }
  get connected(): boolean {
    return this.#connected;
  }
  get syncedNow(): boolean {
    return this.#syncedNow;
  }
  get synced(): boolean {
    return this.#first.synced;
  }
  get unreachable(): boolean {
    return this.#first.unreachable;
  }
  get gone(): boolean {
    return this.#gone;
  }
  /** The relay dropped this link's room (an owner's order): closed for good. */
  markGone(): void {
    this.#gone = true;
    if (this.#connected) this.disconnect();
    else this.#first.markClosed();
    this.#statusChanged();
  }
  track(client?: number): void {
    this.#writes.track(client);
    this.#ask();
  }
  forgetPending(): void {
    this.#writes.forget();
  }
  onStatus(cb: () => void): () => void {
    this.#statusListeners.add(cb);
    return () => this.#statusListeners.delete(cb);
  }
  #statusChanged(): void {
    for (const cb of this.#statusListeners) cb();
  }
  whenSynced(timeoutMs: number, opts?: { readonly untilUnreachable?: boolean }): Promise<boolean> {
    return this.#first.whenSynced(timeoutMs, opts);
  }

  destroy(): void {
    if (this.#destroyed) return;
    this.disconnect();
    this.#destroyed = true;
    this.#statusListeners.clear();
    this.#doc.off('update', this.#onUpdate);
    this.awareness.off('update', this.#onAwareness);
    this.awareness.destroy();
    this.#relay.forget(this);
  }

  /** Open the connection (as a socket opening): both sides send their step 1 and awareness. */
  connect(): void {
    if (this.#connected || this.#destroyed || this.#gone) return;
    if (this.#relay.dropped(this.name)) return this.markGone();
    if (!this.#relay.reachable) {
      this.#first.markClosed();
      return;
    }
    this.#connected = true;
    this.#statusChanged();
    this.#send(syncMessage((enc) => writeSyncStep1(enc, this.#doc)));
    this.#room.join(this);
    if (this.awareness.getLocalState() !== null) this.#room.receive(this, awarenessMessage(encodeAwarenessUpdate(this.awareness, [this.awareness.clientID])));
  }

  /** Close the connection: what is in flight is lost, the relay drops this link's presence. */
  disconnect(): void {
    if (!this.#connected) return;
    this.#connected = false;
    this.#syncedNow = false;
    this.queues.toRelay.length = 0;
    this.queues.toClient.length = 0;
    this.#room.leave(this);
    const others = [...this.awareness.getStates().keys()].filter((c) => c !== this.awareness.clientID);
    removeAwarenessStates(this.awareness, others, this);
    this.#first.markClosed();
    this.#statusChanged();
  }

  /** Queue a message from the relay to this client. */
  fromRelay(msg: Uint8Array): void {
    if (!this.#connected) return;
    this.queues.toClient.push(msg);
    this.#relay.kick();
  }

  /** Presence from the relay: applied at once. */
  presenceFromRelay(msg: Uint8Array): void {
    if (this.#connected) this.#receive(msg);
  }

  /** Deliver the next message queued in `dir`; false when there is none. */
  deliver(dir: Direction): boolean {
    const msg = this.queues[dir].shift();
    if (!msg) return false;
    if (dir === 'toRelay') this.#room.receive(this, msg);
    else this.#receive(msg);
    return true;
  }

  #send(msg: Uint8Array): void {
    this.queues.toRelay.push(msg);
    this.#relay.kick();
  }

  /** Ask the relay which pending writes it holds (its step 2 answer confirms them). */
  #ask(): void {
    const q = this.#connected ? this.#writes.query() : null;
    if (q) this.#send(q);
  }

  #receive(msg: Uint8Array): void {
    const decoder = decoding.createDecoder(msg);
    const kind = decoding.readVarUint(decoder);
    if (kind === MESSAGE_AWARENESS) {
      applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), this);
      return;
    }
    if (kind !== MESSAGE_SYNC) return;
    const peek = decoding.clone(decoder);
    const type = decoding.readVarUint(peek);
    if (type === messageYjsSyncStep2 || type === messageYjsUpdate) this.#writes.learn(decoding.readVarUint8Array(peek));
    const reply = encoding.createEncoder();
    encoding.writeVarUint(reply, MESSAGE_SYNC);
    readSyncMessage(decoder, reply, this.#doc, this);
    if (encoding.length(reply) > 1) this.#send(encoding.toUint8Array(reply));
    if (type === messageYjsSyncStep1) this.#ask(); // our answer carried writes made offline: confirm them
    if (type === messageYjsSyncStep2 && !this.#syncedNow) {
      this.#syncedNow = true;
      this.#first.markSynced();
      this.#statusChanged();
    }
  }

  readonly #onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin !== this && this.#connected) this.#send(syncMessage((enc) => writeUpdate(enc, update)));
  };

  readonly #onAwareness = ({ added, updated, removed }: AwarenessChange, origin: unknown): void => {
    if (origin === this || !this.#connected) return;
    this.#room.receive(this, awarenessMessage(encodeAwarenessUpdate(this.awareness, [...added, ...updated, ...removed])));
  };
}

export class MemoryRelay {
  /** False: every message is delivered as it is sent. True: only what the test delivers. */
  manual = false;
  /** False: connection attempts fail (links that never synced become unreachable). */
  reachable = true;
  readonly #rooms = new Map<string, Room>();
  readonly #links: MemoryLink[] = [];
  #flushing = false;

  readonly #dropped = new Set<string>();

  /**
   * The connector a world is given (`relay: memoryRelay.connect`). Its `dropRooms` takes an
   * owner's drop order as the project's relay does with no grace period: the rooms it names are
   * dropped at once, their links told they are gone.
   */
  readonly connect: ((doc: Y.Doc, room: string) => MemoryLink) & Pick<RelayConnector, 'dropRooms'> = Object.assign(
    (doc: Y.Doc, room: string): MemoryLink => {
      let r = this.#rooms.get(room);
      if (!r) this.#rooms.set(room, (r = new Room()));
      const link = new MemoryLink(this, r, doc, room);
      this.#links.push(link);
      link.connect();
      return link;
    },
    { dropRooms: (order: string) => Promise.resolve(this.dropRooms(order)) },
  );

  /** An owner's drop order (drop-order.ts), checked and carried out at once. */
  dropRooms(order: string): DropReply {
    const read = readDropOrder(order, verifyBytes);
    if ('error' in read) return { ok: false, error: read.error };
    const held = read.rooms.filter((room) => this.#rooms.has(room) && !this.#dropped.has(room));
    for (const room of held) {
      this.#dropped.add(room);
      for (const link of [...this.#links]) if (link.name === room) link.markGone();
      const r = this.#rooms.get(room)!;
      this.#rooms.delete(room);
      r.awareness.destroy();
      r.doc.destroy();
    }
    return { ok: true, scheduled: held.length };
  }

  /** True once an owner's order dropped the room. */
  dropped(room: string): boolean {
    return this.#dropped.has(room);
  }

  /** Live links, in the order they were made. */
  get links(): readonly MemoryLink[] {
    return this.#links;
  }

  /** The relay's copy of a room's document, if anyone linked to it. */
  roomDoc(room: string): Y.Doc | undefined {
    return this.#rooms.get(room)?.doc;
  }

  /** Messages queued, both directions, all links. */
  get queued(): number {
    let n = 0;
    for (const l of this.#links) n += l.queues.toRelay.length + l.queues.toClient.length;
    return n;
  }

  /** Deliver the next message of one non-empty queue, chosen by `pick(count)`; false when all are empty. */
  deliverOne(pick: (n: number) => number): boolean {
    const ready: [MemoryLink, Direction][] = [];
    for (const l of this.#links) {
      if (l.queues.toRelay.length > 0) ready.push([l, 'toRelay']);
      if (l.queues.toClient.length > 0) ready.push([l, 'toClient']);
    }
    if (ready.length === 0) return false;
    const [link, dir] = ready[pick(ready.length)]!;
    return link.deliver(dir);
  }

  /** Deliver every message, including the ones delivering causes, until nothing is queued. */
  flush(): void {
    if (this.#flushing) return;
    this.#flushing = true;
    try {
      for (let n = 0; this.deliverOne(() => 0); n++) if (n > 1_000_000) throw new Error('memory relay: messages never settle');
    } finally {
      this.#flushing = false;
    }
  }

  disconnect(link: MemoryLink): void {
    link.disconnect();
  }

  reconnect(link: MemoryLink): void {
    link.connect();
  }

  /** Called by links when something was queued. */
  kick(): void {
    if (!this.manual) this.flush();
  }

  /** Called by a link as it is destroyed. */
  forget(link: MemoryLink): void {
    const i = this.#links.indexOf(link);
    if (i >= 0) this.#links.splice(i, 1);
  }

  /** Destroy every link and room (awareness timers included). */
  close(): void {
    for (const l of [...this.#links]) l.destroy();
    for (const r of this.#rooms.values()) {
      r.awareness.destroy();
      r.doc.destroy();
    }
    this.#rooms.clear();
  }
}
