// The living isle's content (schedules, exits and nodes open only at some times, roaming
// creatures) is held to the same standard: every mistake named as `file:line: field: what`.
import { describe, expect, it } from 'vitest';
import { ContentError, parseContent, type ContentFile } from '../../src/content/index.ts';
import { tinyFiles, tinyWith } from './fixture.ts';

function errorsOf(files: readonly ContentFile[]): readonly string[] {
  try {
    parseContent(files);
  } catch (error) {
    if (error instanceof ContentError) return error.errors;
    throw error;
  }
  throw new Error('expected the content to be refused');
}

const KEEPER_HOME = '  location: shed\n  greeting: Hello.\n';

describe('the living isle in content', () => {
  it('loads a schedule, a tide-bound exit, a storm-shut node and a roaming night hunter', () => {
    const files = [
      ...tinyWith('npcs.yaml', KEEPER_HOME, `${KEEPER_HOME}  schedule:\n    - { from: 6, location: shed }\n    - { from: 21, location: quay, ambient: [The Keeper hums.] }\n`),
    ];
    const withExit = files.map((f) => (f.name.endsWith('locations.yaml') ? { ...f, text: f.text.replace('    - { dir: north, to: shed }\n', '    - dir: north\n      to: shed\n      while: { tide: [low] }\n      closed: The sea is in.\n') } : f));
    const content = parseContent(withExit);
    expect(content.npcs.get('keeper')?.schedule.map((e) => [e.from, e.location])).toEqual([[6, 'shed'], [21, 'quay']]);
    expect(content.locations.get('quay')?.exits[0]).toMatchObject({ while: { tide: ['low'] }, closed: 'The sea is in.' });
  });

  it('an exit open only at some times must say what a player is told when it is shut', () => {
    expect(errorsOf(tinyWith('locations.yaml', '    - { dir: north, to: shed }\n', '    - { dir: north, to: shed, while: { night: false } }\n'))).toEqual([
      'content/tiny/locations.yaml:6: locations[0].exits[0].closed: say what a player is told when it is closed ("closed: ...")',
    ]);
  });

  it('a tide or weather that does not exist', () => {
    const errors = errorsOf(tinyWith('nodes.yaml', '  respawnMs: 1000\n', '  respawnMs: 1000\n  while: { weather: [drizzle] }\n  closed: Too wet.\n'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^content\/tiny\/nodes\.yaml:8: nodes\[0\]\.while\.weather\[0\]: .*clear.*storm/);
  });

  it('a schedule that names an unknown place, or hours out of order', () => {
    expect(errorsOf(tinyWith('npcs.yaml', KEEPER_HOME, `${KEEPER_HOME}  schedule:\n    - { from: 20, location: shed }\n    - { from: 8, location: pier }\n`))).toEqual([
      'content/tiny/npcs.yaml:8: npcs[0].schedule[1].location: unknown location "pier"',
      'content/tiny/npcs.yaml:8: npcs[0].schedule[1].from: must come after the hour before it (20); list the hours in order, each once',
    ]);
  });

  it('an hour past midnight, and a roaming creature with one place to roam', () => {
    expect(errorsOf(tinyWith('npcs.yaml', KEEPER_HOME, `${KEEPER_HOME}  schedule:\n    - { from: 24, location: shed }\n`))).toEqual([
      'content/tiny/npcs.yaml:7: npcs[0].schedule[0].from: must be 0 to 23',
    ]);
    expect(errorsOf(tinyWith('enemies.yaml', '  respawnMs: 1000\n', '  respawnMs: 1000\n  roams: { everyHours: 2 }\n'))).toEqual([
      'content/tiny/enemies.yaml:12: enemies[0].roams: a roaming creature needs at least two locations to roam between',
    ]);
  });
});
