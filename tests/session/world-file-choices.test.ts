/**
 * The web app's world-file choices (src/session/world-file-choices.ts): the name a downloaded
 * world is offered under, and what becomes of a player key a file carries when this browser may
 * already play that world as someone else.
 */
import { describe, expect, it } from 'vitest';
import { importedKeyPlan, worldFileName } from '../../src/session/world-file-choices.ts';

describe('world file names', () => {
  it('name the file after the world, in plain lower-case words', () => {
    expect(worldFileName("Ana's isle")).toBe('anas-isle.world');
    expect(worldFileName('Isle 1')).toBe('isle-1.world');
    expect(worldFileName('  Île  Ségur — the  cove ')).toBe('ile-segur-the-cove.world');
  });

  it('never make a path, a hidden file or an empty name out of what a world is called', () => {
    expect(worldFileName('../../etc/passwd')).toBe('etc-passwd.world');
    expect(worldFileName('.hidden')).toBe('hidden.world');
    expect(worldFileName('🌊🌊')).toBe('world.world');
    expect(worldFileName('')).toBe('world.world');
    const long = worldFileName('a very long name for an isle that someone typed and typed and typed');
    expect(long.length).toBeLessThanOrEqual(48 + '.world'.length);
    expect(long).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*\.world$/);
  });
});

describe('a player key in a world file', () => {
  it('is kept when this browser does not play the world yet', () => {
    expect(importedKeyPlan('p-ana', null)).toBe('save');
  });
  it('changes nothing when this browser already plays the world as that player', () => {
    expect(importedKeyPlan('p-ana', 'p-ana')).toBe('same');
  });
  it('is refused when this browser plays the world as someone else, who would be left behind', () => {
    expect(importedKeyPlan('p-ana', 'p-cy')).toBe('conflict');
  });
  it('is not needed for a file that carries none', () => {
    expect(importedKeyPlan(null, 'p-cy')).toBe('none');
    expect(importedKeyPlan(null, null)).toBe('none');
  });
});
