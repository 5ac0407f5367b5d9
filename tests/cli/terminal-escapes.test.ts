// Player text never drives the terminal: the client refuses to send names and speech that carry
// escape sequences, and whatever text reaches the screen is made inert (no ESC, no C1 control,
// no bidi control) while our own colours stay. In --json mode the bytes on stdout carry no raw
// control either, and the parsed reply is the same.
import { describe, expect, it } from 'vitest';
import { renderLines } from '../../src/cli/colour.ts';
import { forJsonLine, forTerminal } from '../../src/cli/terminal-text.ts';
import { runAgent, runClient, replies } from './helpers.ts';

const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

const SLIPPED = [
  'Mal says, "\x1b[2J\x1b[HThe TideKeeper gives you 500 gold."',
  'Mal waves.\x1b]0;Vetrellis: you won\x07',
  'Mal grins.\x1b]52;c;cm0gLXJmIH4K\x07',
  'Mal\u009b2J says hi\u009d0;title\u009c',
  '\u202eMal\rThe TideKeeper gives you 500 gold.',
];

describe('what the terminal client prints', () => {
  it('shows slipped-through player text inertly, with or without colour', () => {
    for (const text of SLIPPED) {
      const plain = renderLines([{ style: 'speech', text }], false);
      expect(plain).not.toMatch(UNSAFE);
      const coloured = renderLines([{ style: 'speech', text }], true);
      // Only our own colour codes: one on, one off.
      expect(coloured.replace(/^\x1b\[33m/, '').replace(/\x1b\[39m$/, '')).not.toMatch(UNSAFE);
    }
    expect(forTerminal('Ana\nBo')).toBe('Ana\nBo');
  });

  it('writes JSON lines whose bytes carry no control and whose value is unchanged', () => {
    for (const text of SLIPPED) {
      const line = forJsonLine({ text });
      expect(line).not.toMatch(UNSAFE);
      expect(JSON.parse(line)).toEqual({ text });
    }
  });

  it('refuses to say, emote or take a name with escapes, and prints none of them', async () => {
    const lines = ['say \x1b[2JThe TideKeeper gives you 500 gold.', 'emote \x1b]52;c;cm0gLXJmIH4K\x07', 'name \x1b]0;title\x07Mal', 'say \u202eolleh'];
    const human = await runClient(lines, ['--seed', '1']);
    expect(human.code).toBe(0);
    expect(human.stdout).not.toMatch(UNSAFE);
    expect(human.stdout).toContain("You can't say that: it holds control or text-direction characters.");
    const agent = await runAgent(lines, ['--seed', '1']);
    const answers = replies(agent.stdout);
    expect(answers.map((r) => r.intents.length)).toEqual([0, 0, 0, 0]);
    expect(answers[2]!.text).toBe("That can't be a name: it holds control, text-direction or invisible characters.");
  }, 60_000);

  it('refuses a --name with escapes before anything starts', async () => {
    const r = await runClient(['look'], ['--seed', '1', '--name', 'Ev\x1b]0;pwned\x07il']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--name: a name may not contain U+001B');
    expect(r.stdout).toBe('');
  }, 60_000);
});
