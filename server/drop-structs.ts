// An update with some of its items dropped: each becomes a GC struct of the same id and length
// (what Yjs itself leaves of a collected item), so the writer's clocks stay continuous, its later
// structs still integrate, and anything that names a dropped item as its origin integrates as
// GC too. The relay uses it to keep an update's sound entries when junk rides in the same update.
//
//   const kept = dropStructs(Y.decodeUpdate(update), junkItems); Y.applyUpdate(doc, kept)
//
// Written by Yjs's own struct writers into Yjs's own encoder, in the layout of Yjs's
// writeClientsStructs and writeDeleteSet (v1), which Yjs does not export (as state-chunks.ts).
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

type Decoded = ReturnType<typeof Y.decodeUpdate>;

export const dropStructs = ({ structs, ds }: Decoded, drop: ReadonlySet<Y.Item>): Uint8Array => {
  const byClient = new Map<number, Array<Decoded['structs'][number]>>();
  for (const struct of structs) {
    const list = byClient.get(struct.id.client);
    if (list === undefined) byClient.set(struct.id.client, [struct]);
    else list.push(struct);
  }
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, byClient.size);
  for (const [client, list] of byClient) {
    encoding.writeVarUint(encoder.restEncoder, list.length);
    encoder.writeClient(client);
    encoding.writeVarUint(encoder.restEncoder, list[0]!.id.clock);
    for (const struct of list) {
      if (struct instanceof Y.Item && drop.has(struct)) new Y.GC(struct.id, struct.length).write(encoder, 0);
      else struct.write(encoder, 0);
    }
  }
  writeDeleteSet(encoder, [...ds.clients]);
  return encoder.toUint8Array();
};

/** A delete set's clients and ranges, in the given order, as Yjs's (unexported) writeDeleteSet writes them (v1). */
export function writeDeleteSet(encoder: Y.UpdateEncoderV1, clients: readonly (readonly [number, readonly { readonly clock: number; readonly len: number }[]])[]): void {
  encoding.writeVarUint(encoder.restEncoder, clients.length);
  for (const [client, ranges] of clients) {
    encoder.resetDsCurVal();
    encoding.writeVarUint(encoder.restEncoder, client);
    encoding.writeVarUint(encoder.restEncoder, ranges.length);
    for (const { clock, len } of ranges) {
      encoder.writeDsClock(clock);
      encoder.writeDsLen(len);
    }
  }
}
