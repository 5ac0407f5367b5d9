/**
 * The session's errands (GO BACK, GO TO, questions, TELL), HELP and HINT load their code on first
 * use (the web app's first screen needs none of it). What a player did before that code arrived
 * still counts: the move GO BACK undoes, and BRIEF.
 */
import { describe, expect, it } from 'vitest';
import { LazyErrands } from '../../src/session/lazy-errands.ts';
import { LocalWorld, memoryLogStore } from '../../src/session/local-world.ts';
import { Session } from '../../src/session/index.ts';
import type { ErrandHost } from '../../src/session/errands.ts';
import type { GameEvent } from '../../src/engine/index.ts';
import { vetrellis } from '../golden/transcript.ts';

function newSession(): Session {
  let t = 0;
  const session = new Session(LocalWorld.open(vetrellis(), memoryLogStore(3)), { name: 'Ana', clock: () => (t += 1) * 10_000 });
  session.start();
  return session;
}

describe('errands whose code loads on first use', () => {
  it('take the way back from a move made before their code loaded', async () => {
    const world = LocalWorld.open(vetrellis(), memoryLogStore(3));
    let t = 0;
    const session = new Session(world, { name: 'Ana', clock: () => (t += 1) * 10_000 });
    session.start();
    const moves: GameEvent[] = [];
    const host: ErrandHost = {
      content: world.content, world,
      submit: async (action, at) => {
        const outcome = world.submit(action, at);
        moves.push(...outcome.events);
        return outcome;
      },
      narrate: () => [],
      awake: () => undefined,
    };
    const errands = new LazyErrands(host);
    const east = world.submit({ kind: 'move', dir: 'east' }, 20_000).events.find((e) => e.type === 'moved');
    expect(east?.type).toBe('moved');
    if (east?.type === 'moved') errands.noteMove(east);
    errands.verbosity = 'brief';
    const back = await errands.run({ kind: 'back' }, 30_000);
    expect(back.intents).toEqual([{ kind: 'move', dir: 'west' }]);
    expect(world.state.players[world.player]?.location).toBe('harbor-quay');
    expect(errands.verbosity).toBe('brief');
  });

  it('answer GO BACK, BRIEF, HELP and HINT through the session as before', async () => {
    const session = newSession();
    await session.handle('east');
    expect((await session.handle('brief')).text).toMatch(/^Brief:/);
    const back = await session.handle('go back');
    expect(back.intents).toEqual([{ kind: 'move', dir: 'west' }]);
    expect(back.observation.location?.id).toBe('harbor-quay');
    // BRIEF holds: the harbor, seen before, is not described again in full.
    expect(back.lines.some((l) => l.style === 'body' && l.text.startsWith('The ferry'))).toBe(false);
    expect((await session.handle('help')).lines.length).toBeGreaterThan(3);
    expect((await session.handle('hint')).lines.length).toBeGreaterThan(0);
  });
});
