// What the room stores and forwards for an applied update without letting Yjs encode it again
// (server/transaction-update.ts): for random documents (arrays, maps, text, deletions, several
// writers) whose updates reach the relay's document in a shuffled order (some wait for a
// dependency, some repeat what it has), the update written from the transaction is byte for byte
// the one Yjs's 'update' event carries, and a replica fed what the room forwards (the received
// bytes when they added exactly their structs, the transaction's update otherwise) ends equal to
// the relay's document and never receives a struct the relay holds pending.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addedExactly, encodeTransactionUpdate, nothingPending } from '../../server/transaction-update.ts';
import { seededRandom } from './helpers/malformed.ts';

/** Several writers' updates, each as its doc emitted it, some merged, in a random order with repeats. */
const randomUpdates = (random: () => number, writers: number, steps: number): Uint8Array[] => {
  const docs = Array.from({ length: writers }, () => new Y.Doc());
  const out: Uint8Array[] = [];
  for (const doc of docs) doc.on('update', (u: Uint8Array) => out.push(u));
  const pick = (n: number): number => Math.floor(random() * n);
  for (let step = 0; step < steps; step++) {
    const doc = docs[pick(writers)]!;
    const action = pick(8);
    const text = doc.getText('text');
    const list = doc.getArray<unknown>('list');
    const map = doc.getMap<unknown>('map');
    if (action === 0) text.insert(pick(text.length + 1), 'abcdefgh'.slice(0, 1 + pick(8)));
    else if (action === 1 && text.length > 0) text.delete(pick(text.length), 1 + pick(3));
    else if (action === 2) list.insert(pick(list.length + 1), [pick(1000), `s${step}`]);
    else if (action === 3 && list.length > 0) list.delete(pick(list.length), 1);
    else if (action === 4) map.set(`k${pick(20)}`, { step, v: 'x'.repeat(pick(40)) });
    else if (action === 5) map.delete(`k${pick(20)}`);
    else if (action === 6 && out.length > 1) out.push(Y.mergeUpdates(out.slice(pick(out.length - 1)))); // a sync step 2
    else {
      const other = docs[pick(writers)]!;
      Y.applyUpdate(other, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(other)));
    }
  }
  // Shuffle locally (updates arrive a little out of order), and repeat some.
  for (let i = out.length - 1; i > 0; i--) {
    if (random() < 0.3) {
      const j = Math.max(0, i - 1 - pick(4));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
  }
  for (let i = 0; i < steps / 10; i++) out.splice(pick(out.length), 0, out[pick(out.length)]!);
  return out;
};

const view = (doc: Y.Doc): unknown => ({
  text: doc.getText('text').toString(),
  list: doc.getArray('list').toJSON(),
  map: doc.getMap('map').toJSON(),
  sv: [...Y.decodeStateVector(Y.encodeStateVector(doc))].sort(([a], [b]) => a - b),
});

describe('the update a transaction added', () => {
  it('is what Yjs emits, and what the room forwards keeps a replica equal to the relay', () => {
    const seed = Number(process.env.FUZZ_SEED ?? 20261207);
    console.log(`transaction-update seed ${seed} (rerun: FUZZ_SEED=${seed} npx vitest run tests/server/transaction-update.test.ts)`);
    const random = seededRandom(seed);
    let exact = 0;
    let encoded = 0;
    let nothing = 0;
    for (let run = 0; run < 40; run++) {
      const relay = new Y.Doc();
      const replica = new Y.Doc();
      let emitted: Uint8Array | null = null;
      relay.on('update', (u: Uint8Array) => (emitted = u));
      for (const update of randomUpdates(random, 1 + Math.floor(random() * 4), 20 + Math.floor(random() * 120))) {
        emitted = null;
        const meta = Y.parseUpdateMeta(update);
        let tr: Y.Transaction | null = null;
        const quiet = nothingPending(relay);
        relay.transact((t) => {
          tr = t;
          Y.applyUpdate(relay, update);
        });
        const mine = encodeTransactionUpdate(tr!);
        expect(mine).toEqual(emitted);
        if (mine === null) {
          nothing++;
          continue;
        }
        const forwarded = addedExactly(tr!, meta, quiet) ? (exact++, update) : (encoded++, mine);
        Y.applyUpdate(replica, forwarded);
        // The replica never holds what the relay holds pending (nothing forwarded it).
        expect(replica.store.pendingStructs).toBeNull();
        expect(view(replica)).toEqual(view(relay));
      }
    }
    // Every path was taken.
    expect(Math.min(exact, encoded, nothing)).toBeGreaterThan(10);
  });

  it('an update that needs a struct the relay lacks is not forwarded as received', () => {
    const writer = new Y.Doc();
    const updates: Uint8Array[] = [];
    writer.on('update', (u: Uint8Array) => updates.push(u));
    writer.getArray<string>('a').push(['one']);
    const other = new Y.Doc();
    Y.applyUpdate(other, updates[0]!);
    const theirs: Uint8Array[] = [];
    other.on('update', (u: Uint8Array) => theirs.push(u));
    other.getArray<string>('a').push(['two']); // its origin is the writer's first item
    const relay = new Y.Doc();
    let tr: Y.Transaction | null = null;
    relay.transact((t) => {
      tr = t;
      Y.applyUpdate(relay, theirs[0]!);
    });
    expect(addedExactly(tr!, Y.parseUpdateMeta(theirs[0]!), true)).toBe(false);
    expect(encodeTransactionUpdate(tr!)).toBeNull();
    relay.transact((t) => {
      tr = t;
      Y.applyUpdate(relay, updates[0]!);
    });
    // The missing struct arrived and the pending one integrated with it: the transaction says so.
    expect(addedExactly(tr!, Y.parseUpdateMeta(updates[0]!), false)).toBe(false);
    const replica = new Y.Doc();
    Y.applyUpdate(replica, encodeTransactionUpdate(tr!)!);
    expect(replica.getArray('a').toArray()).toEqual(['one', 'two']);
  });
});
