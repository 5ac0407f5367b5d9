// A malformed container or mechanism is refused with the file, line and field of each problem,
// like every other content error; a well-formed one loads.
import { describe, expect, it } from 'vitest';
import { parseContent } from '../../src/content/index.ts';
import { contentErrors, tinyWith } from './fixture.ts';

const SHED_ITEMS = '  items:\n    - { item: rope, qty: 1 }\n';
const shedWith = (extra: string) => tinyWith('locations.yaml', SHED_ITEMS, SHED_ITEMS + extra);

describe('containers in content', () => {
  it('a chest with a lid, a lock and its contents loads, and holds what it says', () => {
    const content = parseContent(shedWith(`  containers:
    - id: chest
      name: sea chest
      aliases: [chest]
      description: A chest bound in brass.
      lid: true
      lock: { key: key, locked: It is locked., opened: It opens. }
      capacity: 5000
      items:
        - { item: rope, qty: 2 }
`));
    const chest = content.locations.get('shed')!.containers[0]!;
    expect(chest).toMatchObject({ id: 'chest', lid: true, capacity: 5000, items: [{ item: 'rope', qty: 2 }] });
  });

  it('names the file, line and field of each thing wrong with a container', () => {
    expect(contentErrors(shedWith(`  containers:
    - id: chest
      name: chest
      description: A chest.
      lock: { key: skeleton-key, locked: It is locked., opened: It opens. }
      capacity: heavy
      items:
        - { item: anchor, qty: 1 }
        - { item: rope, qty: 0 }
      hinges: 2
`))).toEqual([
      'content/tiny/locations.yaml:22: locations[1].containers[0].capacity: must be a number, not "heavy"',
      'content/tiny/locations.yaml:25: locations[1].containers[0].items[1].qty: must be at least 1',
      'content/tiny/locations.yaml:26: locations[1].containers[0].hinges: unknown field',
    ]);
    // A lock with no lid to lock.
    expect(contentErrors(shedWith(`  containers:
    - id: chest
      name: chest
      description: A chest.
      lock: { key: key, locked: It is locked., opened: It opens. }
`))).toEqual(['content/tiny/locations.yaml:21: locations[1].containers[0].lock: a lock needs a lid to lock ("lid: true")']);
    // Once the entry is well formed, its references are checked at their own lines.
    expect(contentErrors(shedWith(`  containers:
    - id: chest
      name: chest
      description: A chest.
      lid: true
      lock: { key: skeleton-key, locked: It is locked., opened: It opens. }
      items:
        - { item: anchor, qty: 1 }
    - id: chest
      name: box
      description: A box.
`))).toEqual([
      'content/tiny/locations.yaml:22: locations[1].containers[0].lock.key: unknown item "skeleton-key"',
      'content/tiny/locations.yaml:24: locations[1].containers[0].items[0].item: unknown item "anchor"',
      'content/tiny/locations.yaml:25: locations[1].containers[1].id: container "chest" is also in "shed"; each container needs its own id',
    ]);
  });

  it('a mechanism must name things here that work', () => {
    const errors = contentErrors(shedWith(`  mechanisms:
    - id: winch
      order: [lever, wheel]
      solved: It turns.
      reset: It falls back.
      sets: winch-wound
`));
    expect(errors).toEqual([
      'content/tiny/locations.yaml:19: locations[1].mechanisms[0].order[0]: "lever" is no scenery here that works (give a scenery named so a "works:")',
      'content/tiny/locations.yaml:19: locations[1].mechanisms[0].order[1]: "wheel" is no scenery here that works (give a scenery named so a "works:")',
    ]);
  });
});
