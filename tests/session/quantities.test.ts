// Issue 16, as the player sees it: "eat all biscuits" eats more than one, "gather 3 driftwood"
// gathers three, and when fewer happen the reply says why.
import { describe, expect, it } from 'vitest';
import { LocalWorld, memoryLogStore } from '../../src/session/local-world.ts';
import { Session } from '../../src/session/index.ts';
import { vetrellis } from '../golden/transcript.ts';

function newSession(): Session {
  let t = 0;
  const session = new Session(LocalWorld.open(vetrellis(), memoryLogStore(3)), { name: 'Ana', clock: () => (t += 1) * 10_000 });
  session.start();
  return session;
}

const count = (s: Session, id: string) => s.observe().player?.inventory.find((x) => x.id === id)?.qty ?? 0;

describe('quantities as the player types them', () => {
  it('gather 3 driftwood gathers three; gather all takes what is left and says the pile is spent', async () => {
    const s = newSession();
    await s.handle('west');
    const three = await s.handle('gather 3 driftwood');
    expect(three.text).toContain('You gather three driftwood sticks from the driftwood pile.');
    expect(count(s, 'driftwood')).toBe(3);
    const rest = await s.handle('gather 20 driftwood');
    expect(rest.text).toMatch(/You gather \w+ driftwood sticks from the driftwood pile; (it is picked clean, so that is all there was|you are too tired to gather more \(SP ran out\))\./);
    expect(count(s, 'driftwood')).toBeGreaterThan(3);
  });

  it('eat all biscuits eats as many as do some good, and keeps the rest', async () => {
    const s = newSession();
    await s.handle('west');
    await s.handle('gather 10 driftwood'); // tiring: SP well below its maximum
    const tired = s.observe().player!;
    expect(tired.sp).toBeLessThan(tired.maxSp - 4);
    await s.handle('east, north, in');
    await s.handle('take all biscuits');
    expect(count(s, 'sea-biscuit')).toBe(3);
    const ate = await s.handle('eat all biscuits');
    expect(ate.text).toMatch(/^You eat (two|three) sea biscuits \(/);
    expect(count(s, 'sea-biscuit')).toBeLessThan(2);
  });
});
