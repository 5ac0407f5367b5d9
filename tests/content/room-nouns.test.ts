/**
 * Every noun a room's text names can be examined there (issue 16). The content check refuses a
 * description word that names nothing in the room and is not listed in words.yaml, at the line the
 * word is written on; on the shipped isle, `x <noun>` answers for every noun every text names.
 */
import { describe, expect, it } from 'vitest';
import type { Condition, Location, PartCondition } from '../../src/content/index.ts';
import { roomNouns } from '../../src/content/noun-check.ts';
import { Words } from '../../src/content/schema.ts';
import { DEFAULT_CONTENT_DIR, loadContentDir } from '../../src/content/node-load.ts';
import { apply, createWorld, scopeOf, type GameState } from '../../src/engine/index.ts';
import { describeThing } from '../../src/narrate/details.ts';
import { RuleParser } from '../../src/parser/index.ts';
import { contentErrors as errorsOf, TINY, tinyFiles, tinyWith } from './fixture.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** The tiny world with the quay no longer unseen, and this scenery (YAML list lines) at the quay. */
function withQuay(scenery: string) {
  return tinyFiles({
    'words.yaml': 'unseen: [shed]\nplain: [a, stone, tarred, open, always, dusty]\n',
    'locations.yaml': TINY['locations.yaml']!.replace('    - { dir: north, to: shed }\n', `    - { dir: north, to: shed }\n  scenery:\n${scenery}`),
  });
}

const ADVICE = 'give this room a scenery entry whose name or aliases have "quay", or list the word in words.yaml (unseen: a noun nobody can look at; plain: not a noun)';

describe('the content check of room nouns', () => {
  it('names a noun of a description that nothing in the room answers to, with its file and line', () => {
    expect(errorsOf(tinyWith('words.yaml', 'unseen: [quay, shed]', 'unseen: [shed]'))).toEqual([
      `content/tiny/locations.yaml:4: locations[0].description: "quay" names nothing here to examine: ${ADVICE}`,
    ]);
  });

  it('gives the line of the word itself inside a long text, a variant as much as the description', () => {
    const variant = '  description: A stone quay.\n  variants:\n    - when: { night: true }\n      text: >-\n        A stone quay,\n        a stone lamp.\n';
    const files = tinyFiles({ 'locations.yaml': TINY['locations.yaml']!.replace('  description: A stone quay.\n', variant) });
    expect(errorsOf(files)).toEqual([
      'content/tiny/locations.yaml:9: locations[0].variants[0].text: "lamp" names nothing here to examine: give this room a scenery entry whose name or aliases have "lamp", or list the word in words.yaml (unseen: a noun nobody can look at; plain: not a noun)',
    ]);
  });

  it('takes a scenery entry (by name, alias or plural) as the noun answered', () => {
    expect(errorsOf(withQuay('    - { name: quay, description: Wet stone. }\n'))).toEqual([]);
    expect(errorsOf(withQuay('    - { name: quayside, aliases: [quay], description: Wet stone. }\n'))).toEqual([]);
    expect(errorsOf(withQuay('    - { name: quays, number: plural, description: Wet stones. }\n'))).toHaveLength(1);
  });

  it('refuses scenery that is there only at night as the answer to a noun of the daytime text', () => {
    expect(errorsOf(withQuay('    - { name: quay, when: { night: true }, description: Wet stone. }\n'))).toEqual([
      'content/tiny/locations.yaml:4: locations[0].description: "quay" is scenery "quay", there only while night: true; this text is told without that condition, so give the word scenery that is there whenever it is told',
    ]);
  });

  it('refuses a word listed twice in words.yaml', () => {
    expect(errorsOf(tinyWith('words.yaml', 'plain: [a, stone, tarred, open, always, dusty]', 'plain: [a, stone, tarred, open, always, dusty, quay]'))).toEqual([
      'content/tiny/words.yaml:3: words.plain[6]: "quay" is listed already (unseen[0])',
    ]);
  });
});

describe('on Vetrellis Isle, every noun a room names answers to examine', () => {
  const content = loadContentDir();
  const words = Words.parse(parse(readFileSync(join(DEFAULT_CONTENT_DIR, 'words.yaml'), 'utf8')));
  const parser = new RuleParser();
  const DAY = 0;
  const NIGHT = content.world.dayLengthMs - 1;

  /** A world with Ana in `location`, under the conditions the text is told with. */
  function standingIn(location: Location, when: Condition): { state: GameState; at: number } {
    const joined = apply(content, createWorld(content, 1), { id: 'j', player: 'ana', at: 0, action: { kind: 'join', name: 'Ana' } }).state;
    const flags = when.flag ? [when.flag] : [];
    const state: GameState = { ...joined, flags, players: { ...joined.players, ana: { ...joined.players['ana']!, location: location.id } } };
    return { state, at: when.night ? NIGHT : DAY };
  }

  const conditionsOf = (location: Location, path: readonly (string | number)[]): { when: Condition; while: PartCondition } => {
    if (path[0] === 'variants') return { when: location.variants[path[1] as number]!.when, while: {} };
    if (path[0] === 'parts') return { when: {}, while: location.parts[path[1] as number]!.while };
    return { when: {}, while: {} };
  };

  it('x <noun> is a close look at something there, for every noun of every text of every room', async () => {
    let nouns = 0;
    const unanswered: string[] = [];
    for (const location of content.locations.values()) {
      for (const noun of roomNouns(location, words)) {
        const { when } = conditionsOf(location, noun.path);
        const { state, at } = standingIn(location, when);
        const r = await parser.parse(`x ${noun.word}`, scopeOf(content, state, 'ana', at));
        const step = r.steps[0]?.action;
        const seen = step?.kind === 'examine' ? describeThing(content, state, 'ana', step.target, at).map((l) => l.text).join(' ') : '';
        if (step?.kind !== 'examine' || seen === '' || seen.startsWith('You see nothing special')) {
          unanswered.push(`${location.id} ${noun.path.join('.')}: x ${noun.word} -> ${r.text ?? seen}`);
        }
        nouns++;
      }
    }
    expect(unanswered).toEqual([]);
    expect(nouns).toBeGreaterThan(300);
  });
});
