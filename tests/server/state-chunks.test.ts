// The relay's chunked answer to sync step 1: applying its chunks, in order, to a replica that sent
// a state vector gives exactly what one Yjs update would have, for random documents (arrays, maps,
// text, deletions, several writers) and any chunk size; pending structs are never part of it.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { StateReply } from '../../server/state-chunks.ts';
import { seededRandom } from './helpers/malformed.ts';

const sync = (from: Y.Doc, to: Y.Doc): void => Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));

/**
 * Several writers editing shared types, syncing now and then; `random` decides everything.
 * `midway`: the first writer's document halfway through (a state a client may hold).
 */
const randomDocs = (random: () => number, writers: number, steps: number): Y.Doc[] & { midway?: Uint8Array } => {
  const docs: Y.Doc[] & { midway?: Uint8Array } = Array.from({ length: writers }, () => new Y.Doc());
  const pick = (n: number): number => Math.floor(random() * n);
  for (let step = 0; step < steps; step++) {
    if (step === Math.floor(steps / 2)) docs.midway = Y.encodeStateAsUpdate(docs[0]!);
    const doc = docs[pick(writers)]!;
    const action = pick(7);
    const text = doc.getText('text');
    const list = doc.getArray<unknown>('list');
    const map = doc.getMap<unknown>('map');
    if (action === 0) text.insert(pick(text.length + 1), 'abcdefgh'.slice(0, 1 + pick(8)));
    else if (action === 1 && text.length > 0) text.delete(pick(text.length), 1 + pick(3));
    else if (action === 2) list.insert(pick(list.length + 1), [pick(1000), `s${step}`]);
    else if (action === 3 && list.length > 0) list.delete(pick(list.length), 1);
    else if (action === 4) map.set(`k${pick(20)}`, { step, v: 'x'.repeat(pick(40)) });
    else if (action === 5) map.delete(`k${pick(20)}`);
    else sync(doc, docs[pick(writers)]!);
  }
  for (const a of docs) for (const b of docs) sync(a, b);
  return docs;
};

const view = (doc: Y.Doc): unknown => ({
  text: doc.getText('text').toString(),
  list: doc.getArray('list').toJSON(),
  map: doc.getMap('map').toJSON(),
  sv: [...Y.decodeStateVector(Y.encodeStateVector(doc))].sort(([a], [b]) => a - b),
});

/** Applies the whole reply; each chunk must integrate whole (nothing pending) when `whole`. */
const replay = (source: Y.Doc, target: Y.Doc, maxBytes: number, whole = true): number => {
  const reply = new StateReply(source, Y.decodeStateVector(Y.encodeStateVector(target)));
  let chunks = 0;
  while (!reply.done) {
    Y.applyUpdate(target, reply.next(source, maxBytes));
    if (whole) expect(target.store.pendingStructs).toBeNull();
    chunks++;
    if (chunks > 1_000_000) throw new Error('reply never ends');
  }
  return chunks;
};

describe('chunked state replies', () => {
  it('give a replica exactly the source document, from empty or from behind, at any chunk size', () => {
    const seed = Number(process.env.FUZZ_SEED ?? 20261206);
    console.log(`state-chunks seed ${seed} (rerun: FUZZ_SEED=${seed} npx vitest run tests/server/state-chunks.test.ts)`);
    const random = seededRandom(seed);
    for (let round = 0; round < 40; round++) {
      const docs = randomDocs(random, 2 + Math.floor(random() * 4), 50 + Math.floor(random() * 300));
      const source = docs[0];
      const behind = new Y.Doc();
      // A replica that saw an early part of the history.
      Y.applyUpdate(behind, docs.midway!);
      for (const maxBytes of [1, 37, 500, 1 << 30]) {
        for (const start of [() => new Y.Doc(), () => { const d = new Y.Doc(); Y.applyUpdate(d, Y.encodeStateAsUpdate(behind)); return d; }]) {
          const target = start();
          const chunks = replay(source!, target, maxBytes);
          expect(target.store.pendingStructs).toBeNull();
          expect(target.store.pendingDs).toBeNull();
          expect(view(target)).toEqual(view(source!));
          expect(Y.equalDeleteSets(Y.createDeleteSetFromStructStore(target.store), Y.createDeleteSetFromStructStore(source!.store))).toBe(true);
          if (maxBytes === 1 << 30) expect(chunks).toBe(1);
        }
      }
    }
  });

  it('stay right while the document changes between chunks (with the broadcasts a client gets meanwhile)', () => {
    const random = seededRandom(Number(process.env.FUZZ_SEED ?? 20261206) + 1);
    for (let round = 0; round < 30; round++) {
      const [source, other] = randomDocs(random, 3, 200);
      const broadcasts: Uint8Array[] = [];
      source!.on('update', (u: Uint8Array) => broadcasts.push(u));
      const target = new Y.Doc();
      const reply = new StateReply(source!, new Map());
      while (!reply.done) {
        Y.applyUpdate(target, reply.next(source!, 1 + Math.floor(random() * 200)));
        const text = source!.getText('text');
        if (random() < 0.5) text.insert(Math.floor(random() * (text.length + 1)), 'xyz');
        if (random() < 0.3 && text.length > 2) text.delete(Math.floor(random() * (text.length - 1)), 2);
        if (random() < 0.2) sync(other!, source!);
      }
      for (const u of broadcasts) Y.applyUpdate(target, u);
      expect(target.store.pendingStructs).toBeNull();
      expect(view(target)).toEqual(view(source!));
    }
  });

  it('keeps chunks near the size asked for', () => {
    const source = new Y.Doc();
    const map = source.getMap<string>('log');
    for (let i = 0; i < 2000; i++) map.set(`intent-${i}`, 'x'.repeat(200));
    const reply = new StateReply(source, new Map());
    const sizes: number[] = [];
    while (!reply.done) sizes.push(reply.next(source, 16 * 1024).byteLength);
    expect(sizes.length).toBeGreaterThan(20);
    expect(Math.max(...sizes)).toBeLessThan(16 * 1024 + 400);
  });

  it('leaves out structs that wait for a missing dependency', () => {
    const writer = new Y.Doc();
    writer.getMap('m').set('a', 1);
    const first = Y.encodeStateAsUpdate(writer);
    writer.getMap('m').set('b', 2);
    const second = Y.encodeStateAsUpdate(writer, Y.encodeStateVectorFromUpdate(first));
    const relay = new Y.Doc();
    Y.applyUpdate(relay, second);
    expect(relay.store.pendingStructs).not.toBeNull();
    const newcomer = new Y.Doc();
    replay(relay, newcomer, 1 << 20);
    expect(newcomer.store.pendingStructs).toBeNull();
    expect(Y.encodeStateVector(newcomer)).toEqual(Y.encodeStateVector(new Y.Doc()));
  });
});
