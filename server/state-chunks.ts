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
  /** What the client has: the state vector it sent. */
  private readonly known: ReadonlyMap<number, number>;
  /** Per client: the clock up to which structs have been sent (past `known`). */
  private readonly sent = new Map<number, number>();
  /** Clients with structs to send and the clock to reach (the state when asked), highest client first. */
  private readonly targets: Array<{ client: number; to: number }> = [];
  /** The delete set, taken when the structs are all sent; what is left of it to send. */
  private deletes: Array<[client: number, ranges: DeleteRange[]]> | null = null;
  private finished = false;

  constructor(doc: Y.Doc, clientState: ReadonlyMap<number, number>) {
    this.known = clientState;
    const clients = [...doc.store.clients.entries()].sort(([a], [b]) => b - a);
    for (const [client, list] of clients) {
      const last = list[list.length - 1];
      if (last === undefined) continue;
      const to = last.id.clock + last.length;
      if (this.sentUpTo(client) < to) this.targets.push({ client, to });
    }
  }

  get done(): boolean {
    return this.finished;
  }

  /**
   * The next update of about `maxBytes` (at least one struct or one delete range); the last one
   * when `done`. Every struct comes after what it depends on (its origins and its parent), so a
   * client that holds the state it asked from integrates each chunk whole, with nothing pending.
   */
  next(doc: Y.Doc, maxBytes: number): Uint8Array {
    const parts = new Map<number, { encoder: Y.UpdateEncoderV1; count: number; start: number }>();
    let size = 0;
    const write = (client: number, struct: Struct, clock: number): void => {
      let part = parts.get(client);
      if (part === undefined) {
        part = { encoder: new Y.UpdateEncoderV1(), count: 0, start: clock };
        parts.set(client, part);
      }
      const before = encoding.length(part.encoder.restEncoder);
      // Structs may have been merged or split since the last chunk: write from `clock` on.
      struct.write(part.encoder, clock - struct.id.clock);
      size += encoding.length(part.encoder.restEncoder) - before;
      part.count++;
      this.sent.set(client, struct.id.clock + struct.length);
    };
    while (this.targets.length > 0 && size < maxBytes) {
      const { client, to } = this.targets[0]!;
      if (this.sentUpTo(client) >= to) this.targets.shift();
      else this.advance(doc, client, to, write, () => size >= maxBytes);
    }
    const update = encoding.createEncoder();
    encoding.writeVarUint(update, parts.size);
    for (const [client, part] of parts) {
      encoding.writeVarUint(update, part.count);
      encoding.writeVarUint(update, client);
      encoding.writeVarUint(update, part.start);
      encoding.writeUint8Array(update, part.encoder.toUint8Array());
    }
    // A chunk that carries structs leaves the delete set for later once it is full.
    this.writeDeletes(doc, update, parts.size > 0 ? maxBytes : Number.POSITIVE_INFINITY, maxBytes);
    return encoding.toUint8Array(update);
  }

  private sentUpTo(client: number): number {
    return this.sent.get(client) ?? this.known.get(client) ?? 0;
  }

  /** Sends `client`'s structs up to `target`, each after the structs it depends on, until `full`. */
  private advance(doc: Y.Doc, client: number, target: number, write: (client: number, struct: Struct, clock: number) => void, full: () => boolean): void {
    const stack: Array<[client: number, target: number]> = [[client, target]];
    while (stack.length > 0 && !full()) {
      const [c, t] = stack[stack.length - 1]!;
      const list = doc.store.clients.get(c) as Struct[] | undefined;
      const last = list?.[list.length - 1];
      const at = this.sentUpTo(c);
      if (list === undefined || last === undefined || at >= t || at >= last.id.clock + last.length) {
        stack.pop();
        continue;
      }
      const struct = list[structIndex(list, Math.max(at, list[0]!.id.clock))]!;
      const needed = this.unsentDependency(doc, struct);
      // Origins point to causally earlier structs, so this never cycles; the bound is a safety net.
      if (needed !== null && stack.length < 100_000) stack.push(needed);
      else write(c, struct, Math.max(at, struct.id.clock));
    }
  }

  /** A struct `struct` needs that the client neither has nor was sent yet, as [client, clock + 1]. */
  private unsentDependency(doc: Y.Doc, struct: Struct): [number, number] | null {
    if (!(struct instanceof Y.Item)) return null;
    const parentItem = (struct.parent as { _item?: Y.Item | null } | null)?._item ?? null;
    for (const id of [struct.origin, struct.rightOrigin, parentItem?.id ?? null]) {
      if (id === null || id.client === struct.id.client || this.sentUpTo(id.client) > id.clock) continue;
      if (id.clock < Y.getState(doc.store, id.client)) return [id.client, id.clock + 1];
    }
    return null;
  }

  /** Writes what fits of the delete set once the structs are sent (an empty one otherwise). */
  private writeDeletes(doc: Y.Doc, update: encoding.Encoder, deferAt: number, maxBytes: number): void {
    if (this.targets.length > 0 || encoding.length(update) >= deferAt) {
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
