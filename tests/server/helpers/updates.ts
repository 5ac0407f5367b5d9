// Yjs updates for limit tests: map entries of a given size from a fresh writer, and updates
// whose structs depend on an earlier update that is never sent (they wait at the relay).
import * as Y from 'yjs';

/** One update from a fresh writer setting `count` keys `prefix-i` of `bytes` each. */
export const entriesUpdate = (prefix: string, count: number, bytes: number): Uint8Array => {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (let i = 0; i < count; i++) doc.getMap('log').set(`${prefix}-${i}`, 'x'.repeat(bytes));
  });
  return Y.encodeStateAsUpdate(doc);
};

/**
 * An update of `count` entries of `bytes` whose writer's first struct is left out: a relay that
 * receives it cannot integrate it and holds it as pending.
 */
export const orphanUpdate = (prefix: string, count: number, bytes: number): Uint8Array => {
  const doc = new Y.Doc();
  doc.getMap('log').set(`${prefix}-first`, 'never sent');
  const first = Y.encodeStateVector(doc);
  doc.transact(() => {
    for (let i = 0; i < count; i++) doc.getMap('log').set(`${prefix}-${i}`, 'x'.repeat(bytes));
  });
  return Y.encodeStateAsUpdate(doc, first);
};
