/**
 * A companion is shown as one, to everyone: its join signed `companionOf: <friend's id>`, and
 * the room text, WHO and the agent's observation all say whose companion it is.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { apply, createWorld, type Action, type GameState } from '../../src/engine/index.ts';
import { describeRoom } from '../../src/narrate/room.ts';
import { narrateEvents } from '../../src/narrate/index.ts';
import { loadLaterProse } from '../../src/narrate/later-prose.ts';
import { whoLines } from '../../src/session/answers.ts';
import { observe } from '../../src/session/observation.ts';
import { vetrellis } from '../golden/transcript.ts';

const content = vetrellis();

// Others' deeds are told by prose loaded after the first paint (later-prose.ts), as in the app.
beforeAll(() => loadLaterProse());

function isle(): GameState {
  let s = createWorld(content, 3);
  let n = 0;
  const act = (player: string, action: Action) => {
    n += 1;
    s = apply(content, s, { id: `c${n}`, player, at: n * 10_000, action }).state;
  };
  act('ana', { kind: 'join', name: 'Ana' });
  act('bo', { kind: 'join', name: 'Bo' });
  act('pip', { kind: 'join', name: 'Pip', companionOf: 'ana' });
  return s;
}

const text = (lines: readonly { text: string }[]) => lines.map((l) => l.text).join('\n');

describe('a companion, as everyone sees it', () => {
  it('the room text names its friend: "Pip, Ana\'s companion, is here."', () => {
    const s = isle();
    expect(text(describeRoom(content, s, 'bo', s.time))).toContain("Ana and Pip, Ana's companion, are here.");
    expect(text(describeRoom(content, s, 'ana', s.time))).toContain('Bo and Pip, your companion, are here.');
    const alone = { ...s, players: { ana: s.players['ana']!, pip: s.players['pip']! } };
    expect(text(describeRoom(content, alone, 'ana', s.time))).toContain('Pip, your companion, is here.');
    const withoutAna = { ...s, players: { bo: s.players['bo']!, pip: s.players['pip']! } };
    expect(text(describeRoom(content, withoutAna, 'bo', s.time))).toContain('Pip, a companion, is here.');
  });

  it('WHO lists it as its friend\'s companion', () => {
    const s = isle();
    expect(text(whoLines(content, s, 'bo', null, undefined))).toContain("  Pip, Ana's companion, at the Harbor of Vetrellis, playing now.");
  });

  it('the observation carries it (--json and the library)', () => {
    const s = isle();
    const world = { id: 'w', link: null, watchLink: null, contentMismatch: false, owner: null, role: 'player' as const, members: [] };
    const seen = observe(content, s, 'bo', world, s.time);
    expect(seen.here.players).toEqual([
      { id: 'ana', name: 'Ana', online: true },
      { id: 'pip', name: 'Pip', online: true, companionOf: { player: 'ana', name: 'Ana' } },
    ]);
    expect(observe(content, s, 'pip', world, s.time).player?.companionOf).toEqual({ player: 'ana', name: 'Ana' });
    expect(observe(content, s, 'ana', world, s.time).player?.companionOf).toBeUndefined();
  });

  it('its arrival is told as a companion\'s', () => {
    const s = isle();
    const joined = { type: 'joined' as const, name: 'Pip', player: 'pip', location: 'harbor-quay' };
    expect(text(narrateEvents(content, s, [joined], 'bo', s.time))).toBe("Pip, Ana's companion, arrives on the isle.");
    expect(text(narrateEvents(content, s, [joined], 'ana', s.time))).toBe('Pip, your companion, arrives on the isle.');
  });
});
