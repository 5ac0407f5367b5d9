// The room logic with in-memory peers: sync, store-before-broadcast (also with a slow async
// store), malformed frames, awareness cleanup, and a seeded fuzz of 100,000 malformed frames.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import { Room, type RoomHooks } from '../../server/room.ts';
import { ProtocolError } from '../../server/protocol.ts';
import { MemoryPeer, itemUpdate, step1Frame, updateFrame } from './helpers/memory-peer.ts';
import { malformedFrames, seededRandom } from './helpers/malformed.ts';

const hooks = (over: Partial<RoomHooks> = {}): RoomHooks & { stored: Uint8Array[] } => {
  const stored: Uint8Array[] = [];
  return { stored, store: (u) => void stored.push(u), shareAwareness: () => {}, storeFailed: () => {}, ...over };
};

const contents = (peer: MemoryPeer): string[] => {
  const doc = new Y.Doc();
  peer.applyTo(doc);
  return doc.getArray<string>('log').toArray();
};

describe('room', () => {
  it('answers sync step 1 with what the client lacks and broadcasts updates to the others', () => {
    const h = hooks();
    const room = new Room('r', h);
    const a = new MemoryPeer();
    const b = new MemoryPeer();
    room.join(a);
    room.join(b);
    room.receive(a, updateFrame(itemUpdate('rope')));
    expect(h.stored).toHaveLength(1);
    expect(contents(b)).toEqual(['rope']);
    expect(a.sent.length).toBe(1); // only its sync step 1, not its own update echoed back
    const c = new MemoryPeer();
    room.join(c);
    room.receive(c, step1Frame(new Y.Doc()));
    expect(contents(c)).toEqual(['rope']);
  });

  it('broadcasts nothing and answers no sync until a slow store has stored the update', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const room = new Room('r', hooks({ store: () => gate }));
    const a = new MemoryPeer();
    const b = new MemoryPeer();
    room.join(a);
    room.join(b);
    b.sent.splice(0);
    room.receive(a, updateFrame(itemUpdate('herb')));
    const late = new MemoryPeer();
    room.join(late);
    room.receive(late, step1Frame(new Y.Doc()));
    await Promise.resolve();
    expect(b.sent).toHaveLength(0);
    expect(contents(late)).toEqual([]);
    release();
    await room.flushed();
    await Promise.resolve();
    expect(contents(b)).toEqual(['herb']);
    expect(contents(late)).toEqual(['herb']);
  });

  it('keeps the order of updates through an async store', async () => {
    const room = new Room('r', hooks({ store: () => new Promise((r) => setTimeout(r, Math.random() * 3)) }));
    const a = new MemoryPeer();
    const b = new MemoryPeer();
    room.join(a);
    room.join(b);
    const writer = new Y.Doc();
    const updates: Uint8Array[] = [];
    writer.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 30; i++) writer.getArray<string>('log').push([`i${i}`]);
    for (const u of updates) room.receive(a, updateFrame(u));
    await room.flushed();
    const doc = new Y.Doc();
    b.applyTo(doc);
    expect(doc.store.pendingStructs).toBeNull();
    expect(doc.getArray('log').length).toBe(30);
  });

  it('rejects malformed frames with a reason and stays usable', () => {
    const room = new Room('r', hooks());
    const a = new MemoryPeer();
    room.join(a);
    expect(() => room.receive(a, new Uint8Array([0, 2, 5, 1, 2]))).toThrow(ProtocolError);
    expect(() => room.receive(a, new Uint8Array([7]))).toThrow(/frame\/unknown-type/);
    expect(() => room.receive(a, new Uint8Array([0, 9, 0]))).toThrow(/unknown-sync-step/);
    expect(() => room.receive(a, new Uint8Array([0, 2, 3, 255, 255, 255]))).toThrow(ProtocolError);
    room.receive(a, updateFrame(itemUpdate('ok')));
    expect(room.doc.getArray('log').toArray()).toEqual(['ok']);
  });

  it('closes the room when the store fails, telling the hooks', () => {
    let failed = false;
    const room = new Room('r', hooks({ store: () => { throw new Error('disk full'); }, storeFailed: () => (failed = true) }));
    const a = new MemoryPeer();
    const b = new MemoryPeer();
    room.join(a);
    room.join(b);
    b.sent.splice(0);
    room.receive(a, updateFrame(itemUpdate('lost')));
    expect(failed).toBe(true);
    expect(b.sent).toHaveLength(0);
  });

  it('removes the awareness states of a peer that leaves and tells the others', () => {
    const room = new Room('r', hooks());
    const a = new MemoryPeer();
    const b = new MemoryPeer();
    room.join(a);
    room.join(b);
    const clientDoc = new Y.Doc();
    const awareness = new awarenessProtocol.Awareness(clientDoc);
    awareness.setLocalState({ name: 'Mira' });
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, [clientDoc.clientID]));
    room.receive(a, encoding.toUint8Array(encoder));
    expect(room.awareness.getStates().has(clientDoc.clientID)).toBe(true);
    b.sent.splice(0);
    room.leave(a);
    expect(room.awareness.getStates().has(clientDoc.clientID)).toBe(false);
    expect(b.sent).toHaveLength(1);
    awareness.destroy();
  });

  it('survives 100,000 malformed frames and still syncs healthy peers', () => {
    const seed = Number(process.env.FUZZ_SEED ?? 20261121);
    console.log(`room fuzz seed ${seed} (rerun: FUZZ_SEED=${seed} npx vitest run tests/server/room.test.ts)`);
    const room = new Room('fuzz', hooks());
    const healthy = new MemoryPeer();
    const watcher = new MemoryPeer();
    room.join(healthy);
    room.join(watcher);
    const random = seededRandom(seed);
    let rejected = 0;
    let i = 0;
    for (const frame of malformedFrames(random, 100_000, { hugeFrame: false })) {
      const bad = new MemoryPeer();
      room.join(bad);
      try {
        room.receive(bad, frame);
      } catch (error) {
        if (!(error instanceof ProtocolError)) throw new Error(`frame ${i} (seed ${seed}) threw ${String(error)}`);
        rejected++;
      }
      room.leave(bad);
      if (i % 10_000 === 0) room.receive(healthy, updateFrame(itemUpdate(`healthy-${i}`)));
      i++;
    }
    expect(rejected).toBeGreaterThan(90_000);
    const doc = new Y.Doc();
    watcher.applyTo(doc);
    const seen = doc.getArray<string>('log').toArray().filter((s) => typeof s === 'string' && s.startsWith('healthy-'));
    expect(seen).toHaveLength(10);
  });
});
