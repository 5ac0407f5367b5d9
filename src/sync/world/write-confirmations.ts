/**
 * Which of this device's writes to a document a relay is known to hold, within the standard
 * y-websocket protocol (no extra message type, so a stock relay can confirm them):
 *
 *   const writes = new WriteConfirmations(doc);
 *   writes.track();                     // after a local write: pending until the relay has it
 *   const q = writes.query();           // a sync step 1 to send (null: nothing pending)
 *   writes.learn(update);               // each step 2 or update that came from the relay
 *   writes.pending; writes.onPending((n) => …);
 *
 * The query's state vector claims everything the document holds except our own unconfirmed
 * writes, so the relay's step 2 answer holds exactly those of them it has, and their clocks
 * confirm them. An update from the relay that carries our own items (a relay that echoes)
 * confirms them too.
 */
import * as encoding from 'lib0/encoding';
import { messageYjsSyncStep1 } from 'y-protocols/sync';
import * as Y from 'yjs';

/** y-websocket's outer message type for sync messages. */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;

export class WriteConfirmations {
  readonly #doc: Y.Doc;
  /** client id -> clock the relay is known to have reached for our own writes. */
  readonly #confirmed = new Map<number, number>();
  /** client id -> highest clock written (what the relay is asked about). */
  readonly #written = new Map<number, number>();
  /** Each tracked write: the client id it was made under and the clock just after it. */
  #writes: { client: number; end: number }[] = [];
  readonly #listeners = new Set<(n: number) => void>();
  #last = 0;

  constructor(doc: Y.Doc) {
    this.#doc = doc;
  }

  get pending(): number {
    this.#writes = this.#writes.filter((w) => (this.#confirmed.get(w.client) ?? 0) < w.end);
    return this.#writes.length;
  }

  /** Note the local writes made so far under `client` (the document's own by default) as pending. */
  track(client = this.#doc.clientID): void {
    const end = Y.getState(this.#doc.store, client);
    this.#written.set(client, end);
    this.#writes.push({ client, end });
    this.#notify();
  }

  /** Stop waiting for the writes tracked so far. */
  forget(): void {
    this.#writes = [];
    this.#written.clear();
    this.#notify();
  }

  /** An update (or step 2 answer) the relay sent: the clocks of our own items in it are confirmed. */
  learn(update: Uint8Array): void {
    try {
      const meta = Y.parseUpdateMeta(update);
      for (const [client, to] of meta.to) {
        if (this.#written.has(client) && to > (this.#confirmed.get(client) ?? 0)) this.#confirmed.set(client, to);
      }
      this.#notify();
    } catch {
      // A frame we cannot read is the provider's problem, not the indicator's.
    }
  }

  /** The sync step 1 message (outer type included) that asks the relay which pending writes it holds. */
  query(): Uint8Array | null {
    if (this.pending === 0) return null;
    const sv = Y.decodeStateVector(Y.encodeStateVector(this.#doc));
    for (const [client] of this.#written) sv.set(client, this.#confirmed.get(client) ?? 0);
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MESSAGE_SYNC);
    encoding.writeVarUint(enc, messageYjsSyncStep1);
    encoding.writeVarUint8Array(enc, Y.encodeStateVector(sv));
    return encoding.toUint8Array(enc);
  }

  onPending(cb: (pending: number) => void): () => void {
    this.#listeners.add(cb);
    return () => this.#listeners.delete(cb);
  }

  #notify(): void {
    const n = this.pending;
    if (n === this.#last) return;
    this.#last = n;
    for (const cb of this.#listeners) cb(n);
  }
}
