/**
 * The session as a player meets it: chained commands run in order and stop at the first
 * refusal, parser questions come back as questions, meta commands never touch the world, and the
 * observation follows every command.
 */
import { describe, expect, it } from 'vitest';
import { LocalWorld, memoryLogStore } from '../../src/session/local-world.ts';
import { Session } from '../../src/session/index.ts';
import { vetrellis } from '../golden/transcript.ts';

function newSession(seed = 3): Session {
  let t = 0;
  const session = new Session(LocalWorld.open(vetrellis(), memoryLogStore(seed)), { name: 'Ana', clock: () => (t += 1) * 10_000 });
  session.start();
  return session;
}

describe('a session', () => {
  it('joins a new player at the harbor with the world intro', () => {
    let t = 0;
    const session = new Session(LocalWorld.open(vetrellis(), memoryLogStore(1)), { name: 'Ana', clock: () => (t += 1) });
    const first = session.start();
    expect(first.text.startsWith(vetrellis().world.intro)).toBe(true);
    expect(first.observation.location?.id).toBe(vetrellis().world.start);
    expect(first.observation.player?.name).toBe('Ana');
  });

  it('runs chained commands in order', async () => {
    const session = newSession();
    const reply = await session.handle('go west then gather driftwood, east');
    expect(reply.status).toBe('ok');
    expect(reply.intents.map((i) => i.kind)).toEqual(['move', 'gather', 'move']);
    expect(reply.observation.location?.id).toBe('harbor-quay');
    expect(reply.observation.player?.inventory.map((s) => s.id)).toEqual(['driftwood']);
  });

  it('stops a chain at the first refusal and reports it', async () => {
    const session = newSession();
    const reply = await session.handle('go up then go west');
    expect(reply.status).toBe('refused');
    expect(reply.intents).toEqual([{ kind: 'move', dir: 'up' }]);
    expect(reply.observation.location?.id).toBe('harbor-quay');
  });

  it('asks which one is meant and completes the command with the answer', async () => {
    const session = newSession();
    const question = await session.handle('craft flint');
    expect(question.status).toBe('ambiguous');
    expect(question.text).toBe('Which do you mean, the flint knife, the flint pickaxe or the flint spear?');
    expect(question.intents).toEqual([]);
    const answer = await session.handle('pickaxe');
    expect(answer.intents).toEqual([{ kind: 'craft', target: 'flint-pickaxe' }]);
    expect(answer.status).toBe('refused');
    expect(answer.text).toMatch(/^You can't make that yet: you need two flints, two driftwood sticks/);
  });

  it('answers HELP without changing the world', async () => {
    const session = newSession();
    const before = session.observe().stateHash;
    const help = await session.handle('help');
    expect(help.text).toMatch(/take the kelp cord/);
    expect(help.intents).toEqual([]);
    expect(help.observation.stateHash).toBe(before);
  });

  it('says QUIT and leaves the world as it was', async () => {
    const session = newSession();
    const reply = await session.handle('quit');
    expect(reply.quit).toBe(true);
  });

  it('gives unknown words a helpful reply, never an exception', async () => {
    const session = newSession();
    for (const nonsense of ['', '   ', 'zzzz qqq', 'take the the the', '\u0000\u0001', 'x'.repeat(5000), 'take 999999 driftwood']) {
      const reply = await session.handle(nonsense);
      expect(reply.status).not.toBe('error');
      expect(reply.text.length).toBeGreaterThan(0);
    }
  });
});
