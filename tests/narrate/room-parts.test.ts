/**
 * A room's text follows what changed in it: a sentence about an item or an enemy (a location's
 * `parts`, each `while: { item }` / `while: { enemy }`) is told only while that is still so.
 */
import { describe, expect, it } from 'vitest';
import { ContentError, parseContent } from '../../src/content/index.ts';
import { apply, createWorld, enemyKey, locationDescription, type GameState } from '../../src/engine/index.ts';
import { LocalWorld, memoryLogStore } from '../../src/session/local-world.ts';
import { Session } from '../../src/session/index.ts';
import { tinyWith } from '../content/fixture.ts';
import { vetrellis } from '../golden/transcript.ts';

function newSession(): Session {
  let t = 0;
  const session = new Session(LocalWorld.open(vetrellis(), memoryLogStore(3)), { name: 'Ana', clock: () => (t += 1) * 10_000 });
  session.start();
  return session;
}

describe('room text that follows what changed', () => {
  it('the oilskin coat hangs on its peg only until it is taken', async () => {
    const session = newSession();
    expect((await session.handle('in')).text).toContain('An oilskin coat hangs forgotten on its peg by the door.');
    await session.handle('take the oilskin coat');
    const look = (await session.handle('look')).text;
    expect(look).toContain('A cramped room above the quay');
    expect(look).not.toContain('oilskin coat');
  });

  it('something large scrapes in the mine only while the rust beetle lives', () => {
    const content = vetrellis();
    const joined = apply(content, createWorld(content, 1), { id: 'j', player: 'ana', at: 0, action: { kind: 'join', name: 'Ana' } }).state;
    const inMine: GameState = { ...joined, players: { ...joined.players, ana: { ...joined.players['ana']!, location: 'old-mine' } } };
    expect(locationDescription(content, inMine, 'ana', 1000)).toContain('something large scrapes');
    const dead: GameState = { ...inMine, enemies: { ...inMine.enemies, [enemyKey('old-mine', 'rust-beetle')]: { hp: 0, defeatedAt: 500 } } };
    expect(locationDescription(content, dead, 'ana', 1000)).not.toContain('scrapes');
    expect(locationDescription(content, dead, 'ana', 1000)).toMatch(/flooded to the roof\.$/);
    // ... and it is back once the beetle is.
    const respawned = 500 + content.enemies.get('rust-beetle')!.respawnMs;
    expect(locationDescription(content, dead, 'ana', respawned)).toContain('something large scrapes');
  });
});

describe('the content check of parts', () => {
  function errorsOf(file: string, from: string, to: string): readonly string[] {
    try {
      parseContent(tinyWith(file, from, to));
    } catch (error) {
      if (error instanceof ContentError) return error.errors;
      throw error;
    }
    return [];
  }

  it('names a part whose item never lies there, whose enemy lives elsewhere, or that names nothing', () => {
    const shed = '  description: A tarred shed.\n';
    expect(errorsOf('locations.yaml', shed, `${shed}  parts:\n    - while: { item: tonic }\n      text: A tonic.\n`)).toContain(
      'content/tiny/locations.yaml:12: locations[1].parts[0].while.item: "tonic" does not lie here when the world begins (add it to items), so the part would never be told',
    );
    expect(errorsOf('locations.yaml', shed, `${shed}  parts:\n    - while: { enemy: crab }\n      text: A crab.\n`)).toContain(
      'content/tiny/locations.yaml:12: locations[1].parts[0].while.enemy: "crab" does not live here (its locations do not list "shed"), so the part would never be told',
    );
    expect(errorsOf('locations.yaml', shed, `${shed}  parts:\n    - while: {}\n      text: Always.\n`)).toContain(
      'content/tiny/locations.yaml:12: locations[1].parts[0].while: names no item or enemy, so the part would always be told; write it into the description',
    );
    expect(errorsOf('locations.yaml', shed, `${shed}  parts:\n    - while: { item: rope }\n      text: A rope.\n`)).toEqual([]);
  });
});
