// Presence is signed: a peer cannot show someone else as here (a state naming Ana that Ana did
// not sign), a state signed for another zone or world does not count, and a copy of Ana's real
// state, replayed after she left, stops counting within a minute of this device's clock.
import { describe, expect, it } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { createIdentity } from '../../src/sync/intent/identity.ts';
import { ZonePresence } from '../../src/sync/world/presence.ts';
import { worldCipherOf } from '../../src/sync/world/world-cipher.ts';
import { createWorldKey } from '../../src/sync/world/world-key.ts';
import { WORLD } from './fixture.ts';

/** Copies every state `from` holds into `to`, as the relay forwards awareness. */
function forward(from: Awareness, to: Awareness): void {
  applyAwarenessUpdate(to, encodeAwarenessUpdate(from, [...from.getStates().keys()]), 'relay');
}

describe('signed presence', () => {
  const where = { world: WORLD, zone: 'harbor' };

  it("shows Ana when Ana signed it, and not a peer's claim to be her", () => {
    const ana = createIdentity();
    const mine = new Awareness(new Y.Doc());
    const reader = new ZonePresence(mine, createIdentity(), where);
    const anaAwareness = new Awareness(new Y.Doc());
    new ZonePresence(anaAwareness, ana, where).set({ name: 'Ana', location: 'pier' });
    forward(anaAwareness, mine);
    expect(reader.others().map((p) => p.name)).toEqual(['Ana']);

    const mallory = new Awareness(new Y.Doc());
    mallory.setLocalState({ vetrellis: { player: createIdentity().player, name: 'Bo', location: 'pier' } });
    forward(mallory, mine);
    const forged = new Awareness(new Y.Doc());
    const anaState = anaAwareness.getLocalState() as { vetrellis: Record<string, unknown> };
    forged.setLocalState({ vetrellis: { ...anaState.vetrellis, location: 'vault' } });
    forward(forged, mine);
    expect(reader.others()).toEqual([{ player: ana.player, name: 'Ana', location: 'pier' }]);
  });

  it('a command that changes neither name nor place signs nothing; a move signs at once, or when the throttle allows', async () => {
    const ana = createIdentity();
    const awareness = new Awareness(new Y.Doc());
    const presence = new ZonePresence(awareness, ana, where, { throttleMs: 0 });
    let published = 0;
    awareness.on('change', () => published++);
    awareness.on('update', ({ updated }: { updated: number[] }) => void (updated.length > 0 && published++));
    presence.set({ name: 'Ana', location: 'pier' });
    const first = published;
    expect(first).toBeGreaterThan(0);
    for (let i = 0; i < 5; i++) presence.set({ name: 'Ana', location: 'pier' });
    await new Promise((r) => setTimeout(r, 5));
    expect(published).toBe(first);
    presence.set({ name: 'Ana', location: 'green' });
    await new Promise((r) => setTimeout(r, 5));
    expect(published).toBeGreaterThan(first);
    expect((awareness.getLocalState() as { vetrellis: { location: string } }).vetrellis.location).toBe('green');
    presence.destroy();
  });

  it('a state signed for another zone does not count here', () => {
    const mine = new Awareness(new Y.Doc());
    const reader = new ZonePresence(mine, createIdentity(), where);
    const elsewhere = new Awareness(new Y.Doc());
    new ZonePresence(elsewhere, createIdentity(), { world: WORLD, zone: 'village' }).set({ name: 'Ana', location: 'square' });
    forward(elsewhere, mine);
    expect(reader.others()).toEqual([]);
  });

  it("a replayed copy of Ana's state goes stale when her signing time stops moving", () => {
    let now = 1_000_000;
    const clock = () => now;
    const ana = createIdentity();
    const anaAwareness = new Awareness(new Y.Doc());
    new ZonePresence(anaAwareness, ana, where, { now: clock }).set({ name: 'Ana', location: 'pier' });
    const copy = new Awareness(new Y.Doc());
    copy.setLocalState(anaAwareness.getLocalState());
    const mine = new Awareness(new Y.Doc());
    const reader = new ZonePresence(mine, createIdentity(), where, { now: clock });
    forward(copy, mine);
    expect(reader.others().map((p) => p.name)).toEqual(['Ana']);
    now += 30_000;
    expect(reader.others().map((p) => p.name)).toEqual(['Ana']);
    now += 40_000;
    expect(reader.others()).toEqual([]);
  });

  it('in a private world, Ana is shown where she is now as she walks on, and a copy sealed under another key shows nobody', async () => {
    const key = createWorldKey(createIdentity().publicKey, { private: true });
    const cipher = worldCipherOf(key)!;
    const ana = createIdentity();
    const mine = new Awareness(new Y.Doc());
    const reader = new ZonePresence(mine, createIdentity(), where, { cipher });
    const anaAwareness = new Awareness(new Y.Doc());
    const anaPresence = new ZonePresence(anaAwareness, ana, where, { cipher, throttleMs: 0 });
    expect((anaAwareness.getLocalState() as { vetrellis?: unknown } | null)?.vetrellis).toBeUndefined();
    for (const room of ['pier', 'green', 'pier']) {
      anaPresence.set({ name: 'Ana', location: room });
      await new Promise((r) => setTimeout(r, 5));
      expect(JSON.stringify(anaAwareness.getLocalState())).not.toContain(room);
      forward(anaAwareness, mine);
      // Read twice: the second look is answered from what the first opened.
      expect(reader.others()).toEqual([{ player: ana.player, name: 'Ana', location: room }]);
      expect(reader.others()).toEqual([{ player: ana.player, name: 'Ana', location: room }]);
    }
    const stranger = new ZonePresence(mine, createIdentity(), where, { cipher: worldCipherOf(createWorldKey(createIdentity().publicKey, { private: true }))! });
    expect(stranger.others()).toEqual([]);
    anaPresence.destroy();
  });
});
