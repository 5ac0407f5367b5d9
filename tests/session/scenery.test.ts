/**
 * Scenery as a player meets it through the session (the code the terminal, `--json` and the web
 * app share): what a room's text names answers `x`, other verbs are refused politely, and what is
 * there only at night, or changes with a flag, follows the world.
 */
import { describe, expect, it } from 'vitest';
import { Session } from '../../src/session/index.ts';
import { LocalWorld, memoryLogStore } from '../../src/session/local-world.ts';
import { apply, createWorld, scopeOf, type GameState } from '../../src/engine/index.ts';
import { describeThing } from '../../src/narrate/details.ts';
import { RuleParser } from '../../src/parser/index.ts';
import { vetrellis } from '../golden/transcript.ts';

/** A session whose game clock is `clock.now` (each command 10 s later), so a test can choose night. */
function newSession(start = 0): { session: Session; clock: { now: number } } {
  const clock = { now: start };
  const session = new Session(LocalWorld.open(vetrellis(), memoryLogStore(5)), { name: 'Ana', clock: () => (clock.now += 10_000) });
  session.start();
  return { session, clock };
}

/** A new session, walked from the harbor up through the village to the forest edge. */
async function atForestEdge(): Promise<Session> {
  const { session } = newSession();
  await say(session, 'north');
  await say(session, 'north');
  return session;
}

const say = async (session: Session, line: string): Promise<string> => (await session.handle(line)).text;

describe('scenery named by the room text', () => {
  it('x quay at the harbor answers with the quay', async () => {
    const { session } = newSession();
    expect(await say(session, 'x quay')).toBe('Salt-grey stone, laid without mortar by people who knew the sea better than anyone living. Every stone is worn smooth, and the wet ones shine.');
    expect(await say(session, 'look at the steps')).toContain('A flight of stone steps');
    expect(await say(session, 'examine the fish heads')).toContain('Cod heads, mostly');
  });

  it('take pines at the forest edge refuses politely, and so do other verbs on scenery', async () => {
    const session = await atForestEdge();
    expect(await say(session, 'x pines')).toBe('A stand of tall pines to the west, weeping amber resin.');
    expect(await say(session, 'take pines')).toBe('The pines are hardly portable.');
    expect(await say(session, 'take the lane')).toBe('The lane is hardly portable.');
    expect(await say(session, 'eat the greywood')).not.toMatch(/You eat|error/i);
  });

  it('the fishers crowd the Anchor Inn only at night', async () => {
    const day = newSession();
    await say(day.session, 'north');
    await say(day.session, 'in');
    expect(await say(day.session, 'x beds')).toContain('Narrow beds under the eaves');
    expect(await say(day.session, 'x fishers')).toBe("You can't see any fishers here.");

    const content = vetrellis();
    const nightfall = content.world.dayLengthMs * (100 - content.world.nightPercent) / 100;
    const night = newSession(nightfall);
    await say(night.session, 'north');
    expect(await say(night.session, 'in')).toContain('fishers crowd the benches');
    expect(await say(night.session, 'x fishers')).toContain('Broad, weathered people with cracked hands');
    expect(await say(night.session, 'x talk')).toContain('Talk of the lighthouse');
  });

  it('the brambles read as cut, and the stones beyond show, once the flag is set', async () => {
    const session = await atForestEdge();
    expect(await say(session, 'x brambles')).toBe('Thorns as long as fingers. Nothing gets through those without a blade.');
    expect(await say(session, 'x tunnel')).toContain('an old one runs north into the brambles');
    expect(await say(session, 'x stones')).toBe("You can't see any stones here.");

    const content = vetrellis();
    const joined = apply(content, createWorld(content, 1), { id: 'j', player: 'ana', at: 0, action: { kind: 'join', name: 'Ana' } }).state;
    const cut: GameState = { ...joined, flags: ['bramble-wall'], players: { ...joined.players, ana: { ...joined.players['ana']!, location: 'forest-edge' } } };
    const look = (words: string) => {
      const step = new RuleParser().parse(`x ${words}`, scopeOf(content, cut, 'ana', 0)).steps[0]?.action;
      return step?.kind === 'examine' ? describeThing(content, cut, 'ana', step.target, 0).map((l) => l.text).join(' ') : 'nothing';
    };
    expect(look('brambles')).toBe('Thorns as long as fingers, and a tunnel hacked through them where someone had a blade.');
    expect(look('standing stones')).toBe('Grey standing stones at the end of the tunnel. They seem to be waiting.');
  });
});
