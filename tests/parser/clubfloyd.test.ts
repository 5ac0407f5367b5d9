// Verb coverage against real play: the 150 verbs ClubFloyd players typed most (weighted by how
// often) must each be understood: a real action, a synonym of one, a meta command, or a specific
// in-world reply; never "I don't know that verb". Prints the share of usage understood.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RuleParser } from '../../src/parser/rule-parser.ts';
import { isDirectionWord } from '../../src/parser/words.ts';
import { harbor } from './fixtures.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const file = path.resolve(repoRoot, '../shared/data/clubfloyd_verb_counts.json');
/** Measured share of the top 150 verbs' usage understood; the test keeps it from slipping. */
const FLOOR = 1.0;

describe('ClubFloyd verb coverage', () => {
  if (!existsSync(file)) throw new Error(`${file} is missing: the shared data folder must sit beside the clone`);
  const counts = JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>;
  const top = Object.entries(counts).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 150);

  /** Understood: the bare verb and the verb with an object both get more than "unknown verb". */
  function understood(verb: string): boolean {
    const bare = new RuleParser().parse(verb, harbor);
    // A request is answered by the session (HINT, TIME, MAP, WHO ...).
    const answered = bare.intents.length > 0 || !!bare.meta || !!bare.request || !!bare.text;
    if (bare.status === 'unknown-verb' || !answered) return false;
    if (isDirectionWord(verb)) return true;
    const withObject = new RuleParser().parse(`${verb} rope`, harbor);
    return withObject.status !== 'unknown-verb';
  }

  it(`understands at least ${FLOOR * 100}% of the top 150 verbs' usage`, () => {
    let total = 0;
    let ok = 0;
    const missed: string[] = [];
    for (const [verb, n] of top) {
      total += n;
      if (understood(verb)) ok += n;
      else missed.push(`${verb} (${n})`);
    }
    const share = ok / total;
    console.log(`ClubFloyd top-150 usage understood: ${(share * 100).toFixed(2)}% (${top.length - missed.length}/150 verbs)`);
    if (missed.length) console.log(`missed: ${missed.join(', ')}`);
    expect(share).toBeGreaterThanOrEqual(FLOOR);
  });

  it('maps the verbs with a game meaning to real actions', () => {
    const p = (line: string) => new RuleParser().parse(line, harbor).intents[0]?.kind;
    expect(p('get rope')).toBe('take');
    expect(p('pick up rope')).toBe('take');
    expect(p('put down bread')).toBe('drop');
    expect(p('wear cap')).toBe('equip');
    expect(p('remove shield')).toBe('unequip');
    expect(p('kill wolf')).toBe('attack');
    expect(p('hit wolf')).toBe('attack');
    expect(p('read lantern')).toBe('examine');
    expect(p('search boat')).toBe('examine');
    expect(p('climb')).toBe('move');
    expect(p('sleep')).toBe('rest');
    expect(p('unlock door with key')).toBe('use');
    expect(p('open door')).toBe('use');
    expect(p('turn on lantern')).toBe('take');
    expect(p('ask archon about boats')).toBe('talk');
    expect(p('tell archon about the wolf')).toBe('talk');
    expect(p('show key to archon')).toBe('talk');
    expect(p('enter')).toBe('move');
    expect(p('make bandage')).toBe('craft');
    expect(p('eat bread')).toBe('use');
    expect(p('wave')).toBe('emote');
  });

  it('gives specific replies to the verbs with no game meaning', () => {
    for (const v of ['xyzzy', 'sing', 'pray', 'dig', 'jump', 'listen', 'smell', 'think', 'swim']) {
      const r = new RuleParser().parse(v, harbor);
      expect(r.status, v).toBe('ok');
      expect(r.text, v).toBeTruthy();
    }
  });
});
