// The roster under a hostile member: junk entries (however many, sorting before everyone) cost
// their check once and never hide the real players; a signed entry deleted, overwritten with
// junk or replayed from an older signing is written back; a name with bidi or control
// characters is not listed.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createIdentity } from '../../src/sync/intent/identity.ts';
import { MemoryDocStore } from '../../src/sync/world/doc-store.ts';
import { MemoryRelay } from '../../src/sync/world/memory-relay.ts';
import { signRosterEntry, ROSTER_LIST_MAX } from '../../src/sync/world/roster.ts';
import { SharedWorld } from '../../src/sync/world/shared-world.ts';
import { createWorldKey, roomName, rootDocName, worldIdOf } from '../../src/sync/world/world-key.ts';
import { content } from './fixture.ts';

const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

async function worldWithHostile() {
  const relay = new MemoryRelay();
  const worldKey = createWorldKey();
  const open = (name: string, create = false) => SharedWorld.open({ content, identity: createIdentity(), worldKey, store: new MemoryDocStore(), relay: relay.connect, name, create: create ? { name: 'Roster' } : null });
  const ana = await open('Ana', true);
  const bo = await open('Bo');
  const hostile = new Y.Doc();
  relay.connect(hostile, roomName(worldKey, rootDocName()));
  const roster = hostile.getMap<unknown>('roster');
  return { relay, worldKey, ana, bo, hostile, roster, close: async () => { await ana.close(); await bo.close(); relay.close(); } };
}

describe('roster under a hostile member', () => {
  it('lists the real players past more junk than it lists', async () => {
    const w = await worldWithHostile();
    w.hostile.transact(() => {
      for (let i = 0; i < ROSTER_LIST_MAX + 500; i++) w.roster.set(i.toString(16).padStart(64, '0'), JSON.stringify({ name: `Junk${i}` }));
    });
    expect(w.ana.roster().map((r) => r.name).sort()).toEqual(['Ana', 'Bo']);
    await w.close();
  });

  it('writes back a signed entry that was deleted, overwritten with junk, or replaced by an older one', async () => {
    const w = await worldWithHostile();
    const bo = w.bo.player;
    const current = w.roster.get(bo);
    w.hostile.transact(() => w.roster.delete(bo));
    await settle();
    expect(w.roster.get(bo)).toBe(current);
    w.hostile.transact(() => w.roster.set(bo, '{"name":"Mallory"}'));
    await settle();
    expect(w.roster.get(bo)).toBe(current);
    expect(w.ana.roster().find((r) => r.player === bo)?.name).toBe('Bo');
    // Bo renames himself (a newer signed entry); his old entry, replayed, does not undo it.
    expect(w.bo.submit({ kind: 'name', name: 'Bob' }, Date.now() + 60_000).ok).toBe(true);
    const renamed = w.roster.get(bo);
    expect(renamed).not.toBe(current);
    w.hostile.transact(() => w.roster.set(bo, current));
    await settle();
    expect(w.roster.get(bo)).toBe(renamed);
    expect(w.ana.roster().find((r) => r.player === bo)?.name).toBe('Bob');
    await w.close();
  });

  it('does not list a name with text-direction or control characters', async () => {
    const w = await worldWithHostile();
    const mallory = createIdentity();
    w.hostile.transact(() => w.roster.set(mallory.player, signRosterEntry(mallory, { world: worldIdOf(w.worldKey), name: '\u202eanA', zone: 'harbor', zones: [], at: 1 })));
    expect(w.ana.roster().map((r) => r.name).sort()).toEqual(['Ana', 'Bo']);
    await w.close();
  });
});
