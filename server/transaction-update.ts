// What a Yjs transaction added, as the update Yjs's own 'update' event would carry for it (v1):
// the structs from the state before the transaction to the state after, then the transaction's
// delete set. The room uses it only when an applied update did not add exactly its own structs
// (part of it was known or waits for a dependency, or it let pending structs integrate); otherwise
// the received bytes are stored and forwarded as they are, so that Yjs does not encode every
// update again (a document with an 'update' listener encodes every transaction).
//
//   let tr; doc.transact((t) => { tr = t; Y.applyUpdate(doc, update) }); const added = encodeTransactionUpdate(tr)
//
// Written by Yjs's own struct writers into Yjs's own encoder, in the layout of Yjs's
// writeUpdateMessageFromTransaction (writeClientsStructs, writeDeleteSet), which Yjs does not
// export (as state-chunks.ts and drop-structs.ts). Checked byte for byte against Yjs's event in
// tests/server/transaction-update.test.ts.
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { structIndex } from './state-chunks.ts';
import { writeDeleteSet } from './drop-structs.ts';

/** True when the transaction added structs or deleted something (Yjs emits no update otherwise). */
export const hasContent = (tr: Y.Transaction): boolean => {
  if (tr.deleteSet.clients.size > 0) return true;
  for (const [client, clock] of tr.afterState) if (tr.beforeState.get(client) !== clock) return true;
  return false;
};

/** The update a finished transaction added; null when it added nothing. */
export const encodeTransactionUpdate = (tr: Y.Transaction): Uint8Array | null => {
  if (!hasContent(tr)) return null;
  const { store } = tr.doc;
  const starts: Array<[client: number, clock: number]> = [];
  for (const [client, structs] of store.clients) {
    const last = structs[structs.length - 1];
    if (last === undefined) continue;
    const from = tr.beforeState.get(client) ?? 0;
    if (last.id.clock + last.length > from) starts.push([client, from]);
  }
  starts.sort((a, b) => b[0] - a[0]);
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, starts.length);
  for (const [client, from] of starts) {
    const structs = store.clients.get(client)!;
    const clock = Math.max(from, structs[0]!.id.clock);
    const start = structIndex(structs, clock);
    encoding.writeVarUint(encoder.restEncoder, structs.length - start);
    encoder.writeClient(client);
    encoding.writeVarUint(encoder.restEncoder, clock);
    structs[start]!.write(encoder, clock - structs[start]!.id.clock);
    for (let i = start + 1; i < structs.length; i++) structs[i]!.write(encoder, 0);
  }
  writeDeleteSet(encoder, [...tr.deleteSet.clients].sort((a, b) => b[0] - a[0]));
  return encoder.toUint8Array();
};

/** True when nothing in `doc` waits for a dependency (structs or deletions). */
export const nothingPending = (doc: Y.Doc): boolean => doc.store.pendingStructs === null && doc.store.pendingDs === null;

/**
 * True when applying an update reaching clocks `from`-`to` (Y.parseUpdateMeta) in `tr` integrated
 * exactly its structs, all of them, and nothing waited before or waits after (what waited may
 * have been let through by this update, which then does not carry it): then the update itself says
 * what the transaction added (its delete set may repeat deletions the document had: harmless).
 * `quietBefore`: nothingPending(doc) before the update was applied.
 */
export const addedExactly = (
  tr: Y.Transaction,
  meta: { from: ReadonlyMap<number, number>; to: ReadonlyMap<number, number> },
  quietBefore: boolean,
): boolean => {
  if (!quietBefore || !nothingPending(tr.doc)) return false;
  let changed = 0;
  for (const [client, clock] of tr.afterState) if ((tr.beforeState.get(client) ?? 0) !== clock) changed++;
  if (changed !== meta.to.size) return false;
  for (const [client, to] of meta.to) {
    if ((tr.beforeState.get(client) ?? 0) !== meta.from.get(client) || tr.afterState.get(client) !== to) return false;
  }
  return true;
};
