// Names and speech that would act on a screen instead of being read (escape sequences, OSC
// title and clipboard writes, forged lines, text that reads backwards, invisible letters) are
// not actions at all: the schema every replica parses intents with refuses them, so no replica
// ever folds one. Honest text, in any script, with emoji, still passes.
import { describe, expect, it } from 'vitest';
import { Action } from '../../src/engine/action.ts';
import { PlayerState } from '../../src/engine/player-state.ts';
import { firstUnsafeChar } from '../../src/engine/text-safety.ts';
import { joinedGame } from './fixture.ts';

const HOSTILE = {
  'clear screen': 'hi\x1b[2J',
  'window title (OSC 0)': 'x\x1b]0;pwned\x07',
  'clipboard write (OSC 52)': 'x\x1b]52;c;cm0gLXJmIH4K\x07',
  'single-byte CSI (C1)': 'x\u009b2J',
  'forged line': 'hi\nThe TideKeeper gives you 500 gold.',
  'carriage return': 'hi\rThe TideKeeper gives you 500 gold.',
  'right-to-left override': '\u202eanA',
  'isolate': 'Ana\u2066x\u2069',
  'line separator': 'hi\u2028The TideKeeper gives you 500 gold.',
  'lone surrogate': 'hi\ud800',
};

const INVISIBLE_IN_NAMES = {
  'zero-width space': 'Ana\u200b',
  'zero-width joiner': 'A\u200dna',
  'soft hyphen': 'An\u00ada',
  'byte order mark': 'An\ufeffa',
  'Hangul filler': 'Ana\u3164',
  'tag characters': 'Ana\u{e0041}',
};

describe('names and speech carry no control, bidi or (in names) invisible characters', () => {
  for (const [what, text] of Object.entries(HOSTILE)) {
    it(`refuses ${what} in say, emote, join and name`, () => {
      expect(Action.safeParse({ kind: 'say', text }).success).toBe(false);
      expect(Action.safeParse({ kind: 'emote', text }).success).toBe(false);
      expect(Action.safeParse({ kind: 'join', name: text }).success).toBe(false);
      expect(Action.safeParse({ kind: 'name', name: text }).success).toBe(false);
      expect(Action.safeParse({ kind: 'talk', target: 'mira', topic: text.slice(0, 40) }).success).toBe(false);
      expect(Action.safeParse({ kind: 'examine', target: text }).success).toBe(false);
    });
  }

  for (const [what, name] of Object.entries(INVISIBLE_IN_NAMES)) {
    it(`refuses a name with a ${what}`, () => {
      expect(Action.safeParse({ kind: 'join', name }).success).toBe(false);
      expect(Action.safeParse({ kind: 'name', name }).success).toBe(false);
    });
  }

  it('a carried player state with such a name does not cross a border', () => {
    const g = joinedGame('ana');
    const carried = { ...g.player('ana'), name: 'Ana\x1b]0;x\x07' };
    expect(PlayerState.safeParse(g.player('ana')).success).toBe(true);
    expect(PlayerState.safeParse(carried).success).toBe(false);
  });

  it('honest names and speech pass, whatever the script, emoji and joiners in speech included', () => {
    for (const name of ['Ana', 'Zoë', 'Ærin Þórsdóttir', 'Мира', 'Ἀλέξανδρος', '李小龙', 'نور', "O'Brien-Smith"]) {
      expect(Action.safeParse({ kind: 'join', name }).success, name).toBe(true);
    }
    for (const text of ['Hello there!', 'שלום', 'family: 👨\u200d👩\u200d👧', 'flag: 🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}', 'नमस्\u200dते']) {
      expect(Action.safeParse({ kind: 'say', text }).success, text).toBe(true);
    }
  });

  it('names the first refused character, by code point', () => {
    expect(firstUnsafeChar('ok\x1b[2J', 'speech')).toBe(0x1b);
    expect(firstUnsafeChar('Ana\u200b', 'speech')).toBeNull();
    expect(firstUnsafeChar('Ana\u200b', 'name')).toBe(0x200b);
    expect(firstUnsafeChar('x\u{e0041}', 'name')).toBe(0xe0041);
    expect(Action.safeParse({ kind: 'say', text: 'a\u202eb' }).error?.issues[0]?.message).toBe('speech may not contain U+202E');
  });
});
