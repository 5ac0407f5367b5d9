// A room's answer to "what do I lack?" (sync step 1), encoded in bounded chunks rather than one
// copy of the whole document: each chunk is an ordinary Yjs update (v1) that a stock client
// applies as it comes, so a reply to a large room costs the relay one chunk at a time, and a
// client that stops reading stops costing anything. Only integrated structs are sent, never the
// pending ones that wait for a missing dependency (nothing stored them yet).
//
//   const reply = new StateReply(doc, Y.decodeStateVector(sv));
//   while (!reply.done) peer.send(frame(reply.next(doc, 256 * 1024)));
//
// The structs are written by Yjs's own struct writers (`struct.write`) into Yjs's own encoder, in
// the layout of Yjs's writeClientsStructs and writeDeleteSet, which Yjs does not export.
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

type Struct = Y.Item | Y.GC;
type DeleteRange = { clock: number; len: number };

/** Index of the struct that holds `clock` (binary search, as Yjs's findIndexSS); throws when none does. */
export const structIndex = (structs: ReadonlyArray<{ id: { clock: number }; length: number }>, clock: number): number => {
  let left = 0;
  let right = structs.length - 1;
  while (left <= right) {
    const middle = (left + right) >>> 1;
    const struct = structs[middle]!;
    if (struct.id.clock <= clock) {
      if (clock < struct.id.clock + struct.length) return middle;
      left = middle + 1;
    } else {
      right = middle - 1;
    }
  }
  throw new Error(`no struct holds clock ${clock}`);
};

export class StateReply {
  /** Per client: the next clock to send and the clock to stop at (the state when asked). */
  private readonly structs: Array<{ client: number; from: number; to: number }> = [];
  /** The delete set, taken when the structs are all sent; what is left of it to send. */
  private deletes: Array<[client: number, ranges: DeleteRange[]]> | null = null;
  private finished = false;

  constructor(doc: Y.Doc, clientState: ReadonlyMap<number, number>) {
    // Highest client first, as Yjs writes them.
    const clients = [...doc.store.clients.entries()].sort(([a], [b]) => b - a);
    for (const [client, list] of clients) {
      const last = list[list.length - 1];
      if (last === undefined) continue;
      const to = last.id.clock + last.length;
      const from = Math.max(clientState.get(client) ?? 0, list[0]!.id.clock);
      if (from < to) this.structs.push({ client, from, to });
    }
  }

  get done(): boolean {
    return this.finished;
  }

  /** The next update of about `maxBytes` (at least one struct or one delete range); the last one when `done`. */
  next(doc: Y.Doc, maxBytes: number): Uint8Array {
    const body = encoding.createEncoder();
    let clients = 0;
    while (this.structs.length > 0 && encoding.length(body) < maxBytes) {
      const segment = this.structs[0]!;
      const list = doc.store.clients.get(segment.client) as Struct[];
      const encoder = new Y.UpdateEncoderV1();
      let count = 0;
      let clock = segment.from;
      let index = structIndex(list, clock);
      while (clock < segment.to && (count === 0 || encoding.length(body) + encoding.length(encoder.restEncoder) < maxBytes)) {
        const struct = list[index++]!;
        // Structs may have been merged or split since the last chunk: write from `clock` on.
        struct.write(encoder, clock - struct.id.clock);
        clock = struct.id.clock + struct.length;
        count++;
      }
      encoding.writeVarUint(body, count);
      encoding.writeVarUint(body, segment.client);
      encoding.writeVarUint(body, segment.from);
      encoding.writeUint8Array(body, encoder.toUint8Array());
      clients++;
      // A struct may reach past the state asked about when it merged with a later one: harmless.
      segment.from = clock;
      if (clock >= segment.to) this.structs.shift();
    }
    const update = encoding.createEncoder();
    encoding.writeVarUint(update, clients);
    encoding.writeUint8Array(update, encoding.toUint8Array(body));
    // A chunk that carries structs leaves the delete set for later once it is full.
    this.writeDeletes(doc, update, clients > 0 ? maxBytes : Number.POSITIVE_INFINITY, maxBytes);
    return encoding.toUint8Array(update);
  }

  /** Writes what fits of the delete set once the structs are sent (an empty one otherwise). */
  private writeDeletes(doc: Y.Doc, update: encoding.Encoder, deferAt: number, maxBytes: number): void {
    if (this.structs.length > 0 || encoding.length(update) >= deferAt) {
      encoding.writeVarUint(update, 0);
      return;
    }
    if (this.deletes === null) {
      const ds = Y.createDeleteSetFromStructStore(doc.store);
      this.deletes = [...ds.clients.entries()].sort(([a], [b]) => b - a).map(([client, ranges]) => [client, [...ranges]]);
    }
    const encoder = new Y.UpdateEncoderV1();
    let clients = 0;
    while (this.deletes.length > 0 && (clients === 0 || encoding.length(update) + encoding.length(encoder.restEncoder) < maxBytes)) {
      const [client, ranges] = this.deletes[0]!;
      const take = Math.max(1, Math.min(ranges.length, Math.floor((maxBytes - encoding.length(encoder.restEncoder)) / 8)));
      encoder.resetDsCurVal();
      encoding.writeVarUint(encoder.restEncoder, client);
      encoding.writeVarUint(encoder.restEncoder, take);
      for (const range of ranges.splice(0, take)) {
        encoder.writeDsClock(range.clock);
        encoder.writeDsLen(range.len);
      }
      clients++;
      if (ranges.length === 0) this.deletes.shift();
    }
    encoding.writeVarUint(update, clients);
    encoding.writeUint8Array(update, encoder.toUint8Array());
    if (this.deletes.length === 0) this.finished = true;
  }
}
