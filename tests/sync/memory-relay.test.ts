// The memory relay speaks y-protocols as the real relay does: sync both ways on connect, writes
// confirmed once the relay holds them, presence shared and dropped on disconnect, unreachable
// when the relay cannot be reached, and nothing delivered until the test moves it.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MemoryRelay, type MemoryLink } from '../../src/sync/world/memory-relay.ts';

const relays: MemoryRelay[] = [];
afterEach(() => {
  for (const r of relays.splice(0)) r.close();
});
function relay(): MemoryRelay {
  const r = new MemoryRelay();
  relays.push(r);
  return r;
}
function client(r: MemoryRelay, room = 'room'): { doc: Y.Doc; link: MemoryLink } {
  const doc = new Y.Doc();
  return { doc, link: r.connect(doc, room) };
}
const log = (doc: Y.Doc): Y.Map<unknown> => doc.getMap('intents');

describe('memory relay', () => {
  it('syncs both ways on connect: what each side held, each side holds', async () => {
    const r = relay();
    const a = client(r);
    log(a.doc).set('a', 1);
    const b = new Y.Doc();
    log(b).set('b', 2);
    const linkB = r.connect(b, 'room');
    expect(await linkB.whenSynced(0)).toBe(true);
    expect(log(b).toJSON()).toEqual({ a: 1, b: 2 });
    expect(log(a.doc).toJSON()).toEqual({ a: 1, b: 2 });
    expect(log(r.roomDoc('room')!).toJSON()).toEqual({ a: 1, b: 2 });
  });

  it('delivers nothing in manual mode until the test does, and confirms a write once the relay holds it', () => {
    const r = relay();
    const a = client(r);
    const b = client(r);
    r.manual = true;
    log(a.doc).set('x', 1);
    a.link.track();
    expect(a.link.pending).toBe(1);
    expect(r.queued).toBe(2); // the update, then the query
    a.link.deliver('toRelay');
    expect(log(r.roomDoc('room')!).get('x')).toBe(1);
    expect(a.link.pending).toBe(1); // the relay has it; the client does not know yet
    a.link.deliver('toRelay');
    a.link.deliver('toClient');
    expect(a.link.pending).toBe(0);
    expect(log(b.doc).get('x')).toBeUndefined();
    r.flush();
    expect(log(b.doc).get('x')).toBe(1);
  });

  it('shares presence and drops it when a link disconnects', () => {
    const r = relay();
    const a = client(r);
    const b = client(r);
    a.link.awareness.setLocalStateField('vetrellis', { name: 'Ana' });
    expect(b.link.awareness.getStates().get(a.doc.clientID)).toEqual({ vetrellis: { name: 'Ana' } });
    r.disconnect(a.link);
    expect(b.link.awareness.getStates().has(a.doc.clientID)).toBe(false);
    expect(a.link.awareness.getStates().has(b.doc.clientID)).toBe(false);
    expect(a.link.connected).toBe(false);
  });

  it('loses what was in flight on a disconnect, and the resync brings it after a reconnect (writes made offline too)', () => {
    const r = relay();
    const a = client(r);
    const b = client(r);
    r.manual = true;
    log(a.doc).set('lost in flight', 1);
    a.link.track();
    r.disconnect(a.link);
    expect(r.queued).toBe(0);
    log(a.doc).set('offline', 2);
    a.link.track();
    expect(a.link.pending).toBe(2);
    r.reconnect(a.link);
    expect(a.link.syncedNow).toBe(false);
    r.flush();
    expect(a.link.syncedNow).toBe(true);
    expect(a.link.pending).toBe(0);
    expect(log(b.doc).toJSON()).toEqual({ 'lost in flight': 1, offline: 2 });
  });

  it('a relay that cannot be reached makes a new link unreachable, and waiting for it ends at once', async () => {
    const r = relay();
    r.reachable = false;
    const a = client(r);
    expect(a.link.unreachable).toBe(true);
    expect(a.link.connected).toBe(false);
    expect(await a.link.whenSynced(60_000, { untilUnreachable: true })).toBe(false);
    r.reachable = true;
    r.reconnect(a.link);
    expect(a.link.synced).toBe(true);
    expect(a.link.unreachable).toBe(false);
  });
});
