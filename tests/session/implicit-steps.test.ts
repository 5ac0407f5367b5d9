/**
 * Issue 16: an implicit step (taking, unequipping) is never taken for an action the rules will
 * refuse anyway: "give tusk to ysolde" unequipped the tusk dagger, then she declined.
 */
import { describe, expect, it } from 'vitest';
import type { Content } from '../../src/content/schema.ts';
import { LocalWorld, memoryLogStore } from '../../src/session/local-world.ts';
import { Session } from '../../src/session/index.ts';
import { vetrellis } from '../golden/transcript.ts';

/** Vetrellis with Ana starting in Ysolde's house, a tusk dagger and a sea biscuit on the floor. */
function atYsolde(): Session {
  const base = vetrellis();
  const house = base.locations.get('alchemist-house')!;
  const locations = new Map(base.locations);
  locations.set('alchemist-house', { ...house, items: [...(house.items ?? []), { item: 'tusk-dagger', qty: 1 }, { item: 'sea-biscuit', qty: 1 }] });
  const content: Content = { ...base, world: { ...base.world, start: 'alchemist-house' }, locations };
  let t = 0;
  const session = new Session(LocalWorld.open(content, memoryLogStore(5)), { name: 'Ana', clock: () => (t += 1) * 10_000 });
  session.start();
  return session;
}

describe('implicit steps', () => {
  it('give dagger to ysolde while wielding it: she declines, and the dagger stays in hand', async () => {
    const session = atYsolde();
    await session.handle('take dagger');
    expect((await session.handle('wield dagger')).status).toBe('ok');
    // "tusk" is the boar tusk's name, so "give tusk" is not the dagger at all.
    expect((await session.handle('give tusk to ysolde')).text).toBe('You have no tusk.');
    const r = await session.handle('give dagger to ysolde');
    expect(r.status).toBe('refused');
    expect(r.text).not.toMatch(/unequip/i);
    expect(r.intents).toEqual([]);
    expect(Object.values(session.observe().player?.equipment ?? {}).some((e) => e?.id === 'tusk-dagger')).toBe(true);
  });

  it('give the biscuit on the floor to ysolde: it is not picked up for a gift she declines', async () => {
    const session = atYsolde();
    const r = await session.handle('give biscuit to ysolde');
    expect(r.status).toBe('refused');
    expect(r.text).not.toMatch(/first taking/);
    expect(session.observe().player?.inventory.some((s) => s.id === 'sea-biscuit')).toBe(false);
  });

  it('an implicit step that the action needs is still taken', async () => {
    const session = atYsolde();
    const r = await session.handle('wield dagger');
    expect(r.text).toMatch(/first taking the tusk dagger/);
    expect(Object.values(session.observe().player?.equipment ?? {}).some((e) => e?.id === 'tusk-dagger')).toBe(true);
  });
});
