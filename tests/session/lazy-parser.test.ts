/**
 * The web app paints its first screen before the rule parser's code has arrived (it loads right
 * after that paint). A command typed before it arrives waits for it and is answered as usual; a
 * load that failed (the connection dropped) is tried again with the next command, and the player
 * is never left with a parser that can no longer answer.
 */
import { describe, expect, it } from 'vitest';
import { LazyParser } from '../../src/session/lazy-parser.ts';
import { LocalWorld, memoryLogStore } from '../../src/session/local-world.ts';
import { Session } from '../../src/session/index.ts';
import { RuleParser } from '../../src/parser/rule-parser.ts';
import { vetrellis } from '../golden/transcript.ts';

function sessionWith(parser: LazyParser<RuleParser>): Session {
  let t = 0;
  const session = new Session(LocalWorld.open(vetrellis(), memoryLogStore(3)), { name: 'Ana', clock: () => (t += 1) * 10_000, parser });
  session.start();
  return session;
}

describe('a parser whose code loads after the first screen', () => {
  it('shows the first screen without it, and answers a command typed before it arrived once it has', async () => {
    let arrive: () => void = () => {};
    let loads = 0;
    const parser = new LazyParser(async () => {
      loads += 1;
      await new Promise<void>((resolve) => (arrive = resolve));
      return new RuleParser();
    });
    const session = sessionWith(parser);
    expect(loads).toBe(0);
    expect(session.observe().location?.id).toBe('harbor-quay');

    let answered = false;
    const reply = session.handle('go west then gather driftwood').then((r) => ((answered = true), r));
    // The command asks for the parser (after the later prose, which may itself take a while to load).
    while (loads === 0) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 20));
    expect(answered).toBe(false);
    arrive();
    expect((await reply).intents.map((i) => i.kind)).toEqual(['move', 'gather']);
    expect((await session.handle('east')).observation.location?.id).toBe('harbor-quay');
    expect(loads).toBe(1);
  });

  it('keeps what the parser remembers between commands (a question, then its answer)', async () => {
    const session = sessionWith(new LazyParser(async () => new RuleParser()));
    expect((await session.handle('craft flint')).status).toBe('ambiguous');
    expect((await session.handle('pickaxe')).intents).toEqual([{ kind: 'craft', target: 'flint-pickaxe' }]);
  });

  it('tries the load again with the next command after it failed', async () => {
    let attempts = 0;
    const parser = new LazyParser(async () => {
      attempts += 1;
      if (attempts === 1) throw new TypeError('Failed to fetch dynamically imported module');
      return new RuleParser();
    });
    const session = sessionWith(parser);
    await expect(session.handle('look')).rejects.toThrow('Failed to fetch');
    expect((await session.handle('go west')).observation.location?.id).not.toBe('harbor-quay');
    expect(attempts).toBe(2);
  });

  it('is what a session parses with when none is given', async () => {
    let t = 0;
    const session = new Session(LocalWorld.open(vetrellis(), memoryLogStore(3)), { name: 'Ana', clock: () => (t += 1) * 10_000 });
    session.start();
    expect((await session.handle('go west')).intents).toEqual([{ kind: 'move', dir: 'west' }]);
  });
});
